import { Money, STANDARD_VAT_RATE_BASIS_POINTS, vatOnBase } from '@mutualis/core';
import type { VatTreatment } from '@mutualis/catalogue';

export interface BookingPrice {
  unitPriceCents: number;
  vatRateBasisPoints: number;
  totalExclVatCents: number;
  totalVatCents: number;
  totalInclVatCents: number;
}

/**
 * VAT at the standard rate on the line's total excluding VAT (unit price × seats), rounded as an
 * invoice rounds it (vatOnBase); exempt training and non-taxable services carry none.
 */
export function priceBooking(
  unitPriceCents: number,
  seats: number,
  vatTreatment: VatTreatment,
): BookingPrice {
  const vatRateBasisPoints = vatTreatment === 'standard' ? STANDARD_VAT_RATE_BASIS_POINTS : 0;
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
