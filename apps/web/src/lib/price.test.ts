import { describe, expect, it } from 'vitest';
import { estimatePrice } from './price';

describe('estimatePrice (mirrors the api’s booking price)', () => {
  it('adds 20 % VAT on the total of a standard-rate service', () => {
    expect(estimatePrice(9_000, 2, 'standard', true)).toEqual({
      unitPriceCents: 9_000,
      seats: 2,
      vatTreatment: 'standard',
      vatRateBasisPoints: 2_000,
      totalExclVatCents: 18_000,
      totalVatCents: 3_600,
      totalInclVatCents: 21_600,
    });
  });

  it('charges no VAT on exempt training nor on services outside VAT', () => {
    expect(estimatePrice(24_000, 2, 'exempt_training', true)).toMatchObject({
      vatRateBasisPoints: 0,
      totalExclVatCents: 48_000,
      totalVatCents: 0,
      totalInclVatCents: 48_000,
    });
    expect(estimatePrice(6_000, 1, 'out_of_scope_disbursement', true)).toMatchObject({
      totalVatCents: 0,
      totalInclVatCents: 6_000,
    });
  });

  it('exempts services to members for members only: a non-member pays 20 %', () => {
    expect(estimatePrice(6_000, 1, 'exempt_members', true)).toMatchObject({
      vatTreatment: 'exempt_members',
      totalInclVatCents: 6_000,
    });
    expect(estimatePrice(6_000, 1, 'exempt_members', false)).toMatchObject({
      vatTreatment: 'standard',
      totalVatCents: 1_200,
      totalInclVatCents: 7_200,
    });
  });

  it('rounds the VAT of the total half-up to the cent', () => {
    // 20 % of 0.13 € is 2.6 cents → 3; of 0.12 € is 2.4 cents → 2; of 0.125 € × 2 = 5 cents.
    expect(estimatePrice(13, 1, 'standard', true).totalVatCents).toBe(3);
    expect(estimatePrice(12, 1, 'standard', true).totalVatCents).toBe(2);
    expect(estimatePrice(1_234, 3, 'standard', true)).toMatchObject({
      totalExclVatCents: 3_702,
      totalVatCents: 740, // 740.4 → 740
      totalInclVatCents: 4_442,
    });
  });

  it('prices zero seats at zero', () => {
    expect(estimatePrice(9_000, 0, 'standard', true).totalInclVatCents).toBe(0);
  });
});
