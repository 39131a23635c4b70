import { centsFromRow, nullableCentsFromRow } from './cents-from-row';

describe('centsFromRow', () => {
  it('reads a bigint column that pg returns as a string', () => {
    expect(centsFromRow('123456')).toBe(123456);
    expect(centsFromRow('-2500')).toBe(-2500);
    expect(centsFromRow('0')).toBe(0);
  });

  it('keeps a number that is already a safe integer', () => {
    expect(centsFromRow(4200)).toBe(4200);
  });

  it('refuses an amount beyond 2^53 instead of rounding it', () => {
    expect(() => centsFromRow('9007199254740993')).toThrow(RangeError);
    expect(() => centsFromRow(2 ** 53)).toThrow(RangeError);
  });

  it('refuses fractions of a cent, empty and non-numeric text', () => {
    expect(() => centsFromRow('12.5')).toThrow(RangeError);
    expect(() => centsFromRow('')).toThrow(RangeError);
    expect(() => centsFromRow('abc')).toThrow(RangeError);
    expect(() => centsFromRow(Number.NaN)).toThrow(RangeError);
  });
});

describe('nullableCentsFromRow', () => {
  it('keeps null and reads anything else as cents', () => {
    expect(nullableCentsFromRow(null)).toBeNull();
    expect(nullableCentsFromRow('700')).toBe(700);
    expect(() => nullableCentsFromRow('1e400')).toThrow(RangeError);
  });
});
