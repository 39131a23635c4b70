import { Money } from '@mutualis/core';
import type { VatTreatment } from '@mutualis/catalogue';
import { STANDARD_VAT_BASIS_POINTS } from '../../booking.types';

export interface BookingPrice {
  unitPriceCents: number;
  vatRateBasisPoints: number;
  totalExclVatCents: number;
  totalVatCents: number;
  totalInclVatCents: number;
}

/** VAT at 20 % on the line's total excluding VAT, rounded half-up; exempt training and non-taxable services carry none. */
export function priceBooking(
  unitPriceCents: number,
  seats: number,
  vatTreatment: VatTreatment,
): BookingPrice {
  const vatRateBasisPoints = vatTreatment === 'standard' ? STANDARD_VAT_BASIS_POINTS : 0;
  const excl = Money.ofCents(unitPriceCents).times(seats);
  const vat = excl.percentage(vatRateBasisPoints);
  return {
    unitPriceCents,
    vatRateBasisPoints,
    totalExclVatCents: excl.cents,
    totalVatCents: vat.cents,
    totalInclVatCents: excl.plus(vat).cents,
  };
}
