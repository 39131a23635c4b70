import { Money, vatOnBase } from '@mutualis/core';
import { BookedVatTreatment, vatRegime } from '@mutualis/catalogue';

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
