import { Money } from './money';

/**
 * France's standard VAT rate, 20 %, in basis points: the only rate the Chambre charges. Booking
 * prices and invoices both read it here.
 */
export const STANDARD_VAT_RATE_BASIS_POINTS = 2000;

/**
 * The VAT on a taxable base at a rate in basis points, in integer cents, rounded half-up (away
 * from zero for a negative base). Invoices apply it once per category and rate, on the sum of
 * their lines (EN 16931 BR-CO-17), and a booking on its one line (unit price × seats): the
 * price a booker sees, the invoice's totals and the FEC all depend on this rounding.
 */
export function vatOnBase(taxableExclVatCents: number, rateBasisPoints: number): number {
  return Money.ofCents(taxableExclVatCents).percentage(rateBasisPoints).cents;
}

/**
 * `percent` % of an amount excluding VAT, rounded half-up: the base a refund or a credit note
 * gives back of a sale. A credit note credits each line so and recomputes the VAT on each rate's
 * base (vatOnBase); a booking's refund is `refundInclVat`, the same computation on its one line.
 */
export function shareOfExclVat(exclVatCents: number, percent: number): number {
  if (!Number.isSafeInteger(percent) || percent < 0 || percent > 100) {
    throw new RangeError(`a share is a whole percentage from 0 to 100, got ${percent}`);
  }
  return Money.ofCents(exclVatCents).percentage(percent * 100).cents;
}

/**
 * What `percent` % of a sale at one VAT rate gives back including VAT: the share of its base
 * (shareOfExclVat) plus the VAT on that share. Never a percentage of the amount including VAT,
 * which differs by a cent for many prices from the credit note that documents the refund.
 */
export function refundInclVat(
  exclVatCents: number,
  vatRateBasisPoints: number,
  percent: number,
): number {
  const base = shareOfExclVat(exclVatCents, percent);
  return base + vatOnBase(base, vatRateBasisPoints);
}
