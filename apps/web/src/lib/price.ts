/** Mirrors the api's booking price (libs/booking/…/booking-price.ts) to show a price before booking. */
export type VatTreatment = 'standard' | 'exempt_training' | 'not_subject';

export const STANDARD_VAT_BASIS_POINTS = 2000;

export interface PriceEstimate {
  unitPriceCents: number;
  seats: number;
  vatRateBasisPoints: number;
  totalExclVatCents: number;
  totalVatCents: number;
  totalInclVatCents: number;
}

/** VAT at 20 % on the total excluding VAT, rounded half-up; exempt training and non-taxable services carry none. */
export function estimatePrice(
  unitPriceCents: number,
  seats: number,
  vatTreatment: VatTreatment,
): PriceEstimate {
  const vatRateBasisPoints = vatTreatment === 'standard' ? STANDARD_VAT_BASIS_POINTS : 0;
  const totalExclVatCents = unitPriceCents * seats;
  const totalVatCents = Math.round((totalExclVatCents * vatRateBasisPoints) / 10_000);
  return {
    unitPriceCents,
    seats,
    vatRateBasisPoints,
    totalExclVatCents,
    totalVatCents,
    totalInclVatCents: totalExclVatCents + totalVatCents,
  };
}
