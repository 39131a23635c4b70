import { centsFromRow, nullableCentsFromRow } from './cents-from-row';

describe('centsFromRow', () => {
  it('reads bigint text and numbers as integer cents', () => {
    expect(centsFromRow('12345')).toBe(12_345);
    expect(centsFromRow('-250')).toBe(-250);
    expect(centsFromRow(0)).toBe(0);
    expect(centsFromRow(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses amounts beyond the safe integer range instead of rounding them', () => {
    expect(() => centsFromRow('9007199254740993')).toThrow(RangeError);
    expect(() => centsFromRow(2 ** 53)).toThrow(RangeError);
  });

  it('refuses fractions and text that is not a number', () => {
    expect(() => centsFromRow('12.5')).toThrow(RangeError);
    expect(() => centsFromRow(12.5)).toThrow(RangeError);
    expect(() => centsFromRow('')).toThrow(RangeError);
    expect(() => centsFromRow('1e3')).toThrow(RangeError);
    expect(() => centsFromRow('abc')).toThrow(RangeError);
  });

  it('keeps NULL as null when the column may be empty', () => {
    expect(nullableCentsFromRow(null)).toBeNull();
    expect(nullableCentsFromRow('700')).toBe(700);
  });
});
