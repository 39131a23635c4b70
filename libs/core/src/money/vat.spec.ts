import { STANDARD_VAT_RATE_BASIS_POINTS, vatOnBase } from './vat';

describe('vatOnBase', () => {
  it('is 20 % at the standard rate', () => {
    expect(STANDARD_VAT_RATE_BASIS_POINTS).toBe(2000);
    expect(vatOnBase(12_000, STANDARD_VAT_RATE_BASIS_POINTS)).toBe(2_400);
  });

  it('rounds half-up to the cent', () => {
    expect(vatOnBase(2, STANDARD_VAT_RATE_BASIS_POINTS)).toBe(0); // 0.4 cent
    expect(vatOnBase(3, STANDARD_VAT_RATE_BASIS_POINTS)).toBe(1); // 0.6 cent
    expect(vatOnBase(100, 550)).toBe(6); // 5.5 cents, half up
    expect(vatOnBase(109, 550)).toBe(6); // 5.995 cents
  });

  it('rounds a negative base away from zero, as its positive twin', () => {
    expect(vatOnBase(-100, 550)).toBe(-6);
    expect(vatOnBase(-3, STANDARD_VAT_RATE_BASIS_POINTS)).toBe(-1);
  });

  it('is the VAT of a booking line, unit price × seats', () => {
    expect(vatOnBase(12_345 * 3, STANDARD_VAT_RATE_BASIS_POINTS)).toBe(7_407); // 7 407.0
    expect(vatOnBase(1_253, STANDARD_VAT_RATE_BASIS_POINTS)).toBe(251); // 250.6 cents
  });

  it('charges nothing at a zero rate (exempt or not subject)', () => {
    expect(vatOnBase(123_456, 0)).toBe(0);
  });

  it('refuses a base beyond the safe integer range instead of rounding it', () => {
    expect(() => vatOnBase(2 ** 53, STANDARD_VAT_RATE_BASIS_POINTS)).toThrow(RangeError);
  });
});
