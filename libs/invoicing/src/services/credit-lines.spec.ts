import { BookingFacts, priceBooking, refundFor } from '@mutualis/booking';
import type { VatTreatment } from '@mutualis/catalogue';
import { refundInclVat, STANDARD_VAT_RATE_BASIS_POINTS } from '@mutualis/core';
import type { BillingIdentity } from '@mutualis/identity';
import { computeInvoiceTotals } from '../domain/invoice-totals';
import { Chambre } from '../entities/chambre.entity';
import { InvoiceLine } from '../entities/invoice-line.entity';
import { creditLinesForPercent } from './credit-lines';
import { InvoiceComposer } from './invoice-composer';

const startsAt = new Date('2027-03-15T08:00:00Z');
const cancelledAt = new Date('2027-01-15T10:00:00Z');
const chambre = { id: 'chambre', vatRegime: 'standard' } as Chambre;
const buyer = {
  legalName: 'SCOP',
  addressLines: [],
  isPublicBody: false,
} as unknown as BillingIdentity;
const composer = new InvoiceComposer();

/** The lines of the invoice a booking of `seats` seats at `unitPriceCents` is issued. */
function invoiceLines(
  unitPriceCents: number,
  seats: number,
  vatTreatment: VatTreatment,
): InvoiceLine[] {
  const facts = {
    bookingId: 'booking',
    organisationId: 'organisation',
    offeringTitle: 'Formation',
    serviceStartsAt: startsAt,
    serviceEndsAt: new Date(startsAt.getTime() + 7 * 3_600_000),
    location: null,
    seats,
    unitPriceCents,
    memberPrice: false,
    vatTreatment,
    attendeeNames: ['Participant'],
    confirmationMethod: 'card',
    paymentAtConfirmation: null,
  } as unknown as BookingFacts;
  return composer
    .forBooking(facts, chambre, buyer)
    .lines.map((line, position) => ({ ...line, id: 'line', invoiceId: 'invoice', position }));
}

/** What the booking refunds on a cancellation giving back `percent` %. */
function bookingRefund(
  unitPriceCents: number,
  seats: number,
  vatTreatment: VatTreatment,
  percent: number,
) {
  const policy = { tiers: [{ daysBefore: 0, refundPercent: percent }] };
  return refundFor(policy, priceBooking(unitPriceCents, seats, vatTreatment), startsAt, cancelledAt)
    .amountCents;
}

/** The total of the credit note issued for that cancellation. */
function creditNoteTotal(lines: InvoiceLine[], percent: number): number {
  const credit = creditLinesForPercent(lines, percent, 'Annulation');
  return credit.length === 0 ? 0 : computeInvoiceTotals(credit).totalInclVatCents;
}

/** mulberry32: the same pseudo-random draws on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('a cancellation refunds exactly what its credit note credits', () => {
  // The booking's amount (refundInclVat, which refundFor returns) against the credit note built
  // from the invoice the composer writes, for every whole percentage and every price to the cent
  // up to 20 €. At 20 % that is every price there is: 500 cents more excluding VAT add exactly
  // 5 × percent cents to the share and percent cents to its VAT, whatever the price, so both
  // computations repeat every 500 cents (so did the old percentage of the price including VAT,
  // which differed from the credit note for 312,200 of the 1,010,100 pairs up to 100 €).
  it('for every price at 20 % and every whole percentage', () => {
    const disagreements: string[] = [];
    for (let price = 0; price <= 2_000; price++) {
      const lines = invoiceLines(price, 1, 'standard');
      for (let percent = 0; percent <= 100; percent++) {
        const refund = refundInclVat(price, STANDARD_VAT_RATE_BASIS_POINTS, percent);
        const credited = creditNoteTotal(lines, percent);
        if (refund !== credited)
          disagreements.push(`${price} × ${percent} %: ${refund} ≠ ${credited}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  // The whole way a cancellation goes: the booking's price and policy (refundFor), the invoice
  // composed from the booking, the credit note's lines and totals.
  it('for 5,000 drawn bookings of up to 100 seats at up to 50,000 € a seat, at any percentage', () => {
    const random = seeded(18);
    const disagreements: string[] = [];
    for (let draw = 0; draw < 5_000; draw++) {
      const price = Math.floor(random() * 5_000_001);
      const seats = 1 + Math.floor(random() * 100);
      const percent = Math.floor(random() * 101);
      const treatment = random() < 0.8 ? 'standard' : 'exempt_training';
      const refund = bookingRefund(price, seats, treatment, percent);
      const credited = creditNoteTotal(invoiceLines(price, seats, treatment), percent);
      if (refund !== credited) {
        disagreements.push(
          `${seats} × ${price} (${treatment}) at ${percent} %: ${refund} ≠ ${credited}`,
        );
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('refunds the whole price at 100 % (a cancelled session, a waived policy)', () => {
    const price = priceBooking(12_345, 3, 'standard');
    expect(bookingRefund(12_345, 3, 'standard', 100)).toBe(price.totalInclVatCents);
    expect(creditNoteTotal(invoiceLines(12_345, 3, 'standard'), 100)).toBe(price.totalInclVatCents);
  });
});
