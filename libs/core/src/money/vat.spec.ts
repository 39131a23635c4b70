import { refundInclVat, shareOfExclVat, STANDARD_VAT_RATE_BASIS_POINTS, vatOnBase } from './vat';

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

describe('refundInclVat', () => {
  it('gives back the share of the base and the VAT on that share', () => {
    // 123,45 € excl. VAT + 24,69 € VAT = 148,14 €. Half: 61,73 € (61,725 half up) + 12,35 € VAT
    // = 74,08 €, as the credit note prints it; half of 148,14 € would be 74,07 €.
    expect(refundInclVat(12_345, STANDARD_VAT_RATE_BASIS_POINTS, 50)).toBe(7_408);
    // 123,44 € + 24,69 € = 148,13 €: the credit note's 61,72 € + 12,34 € = 74,06 €, not 74,07 €.
    expect(refundInclVat(12_344, STANDARD_VAT_RATE_BASIS_POINTS, 50)).toBe(7_406);
    expect(refundInclVat(12_345, 0, 50)).toBe(6_173);
  });

  it('gives back everything at 100 % and nothing at 0 %', () => {
    for (const excl of [0, 1, 3, 12_345, 99_999]) {
      expect(refundInclVat(excl, STANDARD_VAT_RATE_BASIS_POINTS, 100)).toBe(
        excl + vatOnBase(excl, STANDARD_VAT_RATE_BASIS_POINTS),
      );
      expect(refundInclVat(excl, STANDARD_VAT_RATE_BASIS_POINTS, 0)).toBe(0);
    }
  });

  it('refuses a percentage that is not a whole number from 0 to 100', () => {
    expect(() => shareOfExclVat(100, 101)).toThrow(RangeError);
    expect(() => shareOfExclVat(100, -1)).toThrow(RangeError);
    expect(() => shareOfExclVat(100, 12.5)).toThrow(RangeError);
  });
});
