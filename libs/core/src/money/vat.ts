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
