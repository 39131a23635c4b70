import { Money, vatOnBase } from '@mutualis/core';
import { BookedVatTreatment, VatTreatment, vatRegime } from '@mutualis/catalogue';

export interface BookingPrice {
  unitPriceCents: number;
  vatRateBasisPoints: number;
  totalExclVatCents: number;
  totalVatCents: number;
  totalInclVatCents: number;
}

/**
 * VAT at the regime's rate on the line's total excluding VAT (unit price × seats), rounded as an
 * invoice rounds it (vatOnBase); exempt and out-of-scope regimes carry none.
 */
export function priceBooking(
  unitPriceCents: number,
  seats: number,
  vatTreatment: BookedVatTreatment,
): BookingPrice {
  const vatRateBasisPoints = vatRegime(vatTreatment).rateBasisPoints;
  const excl = Money.ofCents(unitPriceCents).times(seats);
  const vat = Money.ofCents(vatOnBase(excl.cents, vatRateBasisPoints));
  return {
    unitPriceCents,
    vatRateBasisPoints,
    totalExclVatCents: excl.cents,
    totalVatCents: vat.cents,
    totalInclVatCents: excl.plus(vat).cents,
  };
}

/**
 * The regime a booking is sold under: its offering's, except that the exemption of services to
 * members (CGI art. 261, 7, 1° a) covers members only. An organisation that is not a member on
 * the service's date (it pays the non-member price) is sold the same service at 20 %.
 */
export function bookedVatTreatment(
  offeringTreatment: VatTreatment,
  memberPrice: boolean,
): BookedVatTreatment {
  return offeringTreatment === 'exempt_members' && !memberPrice ? 'standard' : offeringTreatment;
}
