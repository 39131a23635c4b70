import type { components } from '../api/schema';

/** Mirrors the api's booking price (libs/booking/…/booking-price.ts) to show a price before booking. */
export type VatTreatment = components['schemas']['BookingDto']['vatTreatment'];

export const STANDARD_VAT_BASIS_POINTS = 2000;

export interface PriceEstimate {
  unitPriceCents: number;
  seats: number;
  /** The regime the booking would be sold under (see bookedVatTreatment). */
  vatTreatment: VatTreatment;
  vatRateBasisPoints: number;
  totalExclVatCents: number;
  totalVatCents: number;
  totalInclVatCents: number;
}

/**
 * The regime a booking is sold under: its offering's, except that the exemption of services to
 * members (art. 261, 7, 1° a du CGI) covers members only; a non-member pays 20 %.
 */
export function bookedVatTreatment(offering: VatTreatment, memberPrice: boolean): VatTreatment {
  return offering === 'exempt_members' && !memberPrice ? 'standard' : offering;
}

/** VAT at 20 % on the total excluding VAT, rounded half-up, for the standard regime only. */
export function estimatePrice(
  unitPriceCents: number,
  seats: number,
  offeringVatTreatment: VatTreatment,
  memberPrice: boolean,
): PriceEstimate {
  const vatTreatment = bookedVatTreatment(offeringVatTreatment, memberPrice);
  const vatRateBasisPoints = vatTreatment === 'standard' ? STANDARD_VAT_BASIS_POINTS : 0;
  const totalExclVatCents = unitPriceCents * seats;
  const totalVatCents = Math.round((totalExclVatCents * vatRateBasisPoints) / 10_000);
  return {
    unitPriceCents,
    seats,
    vatTreatment,
    vatRateBasisPoints,
    totalExclVatCents,
    totalVatCents,
    totalInclVatCents: totalExclVatCents + totalVatCents,
  };
}
