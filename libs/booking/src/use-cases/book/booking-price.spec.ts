import { priceBooking } from './booking-price';

describe('priceBooking', () => {
  it('adds 20 % VAT on the line total, rounding half-up', () => {
    expect(priceBooking(12_345, 3, 'standard')).toEqual({
      unitPriceCents: 12_345,
      vatRateBasisPoints: 2000,
      totalExclVatCents: 37_035,
      totalVatCents: 7_407,
      totalInclVatCents: 44_442,
    });
    expect(priceBooking(1_253, 1, 'standard').totalVatCents).toBe(251); // 250.6 -> 251
    expect(priceBooking(1_252, 1, 'standard').totalVatCents).toBe(250); // 250.4 -> 250
  });

  it('charges no VAT on exempt or out-of-scope regimes', () => {
    expect(priceBooking(18_000, 2, 'exempt_training')).toMatchObject({
      totalVatCents: 0,
      totalInclVatCents: 36_000,
    });
    expect(priceBooking(9_000, 1, 'exempt_members')).toMatchObject({
      vatRateBasisPoints: 0,
      totalInclVatCents: 9_000,
    });
  });
});
