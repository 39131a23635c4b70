import { shareOfExclVat } from '@mutualis/core';
import { computeInvoiceTotals, InvoiceLineInput, InvoiceTotals } from '../domain/invoice-totals';
import { InvoiceLine } from '../entities/invoice-line.entity';
import { Invoice } from '../entities/invoice.entity';
import { DraftInvoice, DraftLine } from '../repositories/invoice.repository';
import { vatIdentifiersFor } from './invoice-composer';

/**
 * A credit note for a share of an invoice: each line credited at that percentage of its total
 * excluding VAT (rounded half-up), VAT recomputed on each rate's base. A booking's refund is
 * computed the same way (refundInclVat, on its one line), so the two agree to the cent.
 */
export function creditLinesForPercent(
  lines: InvoiceLine[],
  percent: number,
  label: string,
): InvoiceLineInput[] {
  return lines
    .map((line) => ({
      description: `${label}\n${line.description}`,
      quantity: 1,
      unitPriceExclVatCents: shareOfExclVat(line.lineTotalExclVatCents, percent),
      vatRegime: line.vatRegime,
      vatCategory: line.vatCategory,
      vatRateBasisPoints: line.vatRateBasisPoints,
      exemptionReason: line.exemptionReason ?? undefined,
    }))
    .filter((line) => line.unitPriceExclVatCents > 0);
}

/**
 * A credit note of an amount including VAT, on an invoice with a single VAT rate: the amount
 * excluding VAT whose VAT brings it to the amount asked (or the closest below when rounding
 * makes it unreachable).
 */
export function creditLinesForAmount(
  lines: InvoiceLine[],
  amountInclVatCents: number,
  label: string,
): InvoiceLineInput[] | null {
  const rates = new Set(lines.map((line) => `${line.vatCategory}:${line.vatRateBasisPoints}`));
  if (rates.size !== 1) return null;
  const [line] = lines;
  const rate = line.vatRateBasisPoints;
  let excl = Math.round((amountInclVatCents * 10_000) / (10_000 + rate));
  const inclOf = (value: number) =>
    computeInvoiceTotals([{ ...lineInput(line, label), unitPriceExclVatCents: value }])
      .totalInclVatCents;
  while (excl > 0 && inclOf(excl) > amountInclVatCents) excl--;
  return excl > 0 ? [{ ...lineInput(line, label), unitPriceExclVatCents: excl }] : [];
}

function lineInput(line: InvoiceLine, label: string): InvoiceLineInput {
  return {
    description: label,
    quantity: 1,
    unitPriceExclVatCents: 0,
    vatRegime: line.vatRegime,
    vatCategory: line.vatCategory,
    vatRateBasisPoints: line.vatRateBasisPoints,
    exemptionReason: line.exemptionReason ?? undefined,
  };
}

/**
 * The draft of a credit note correcting `original`, from its computed totals. It has no payment
 * reference (nobody pays a credit note) and its settlement is decided when it is issued. A
 * credit note for a cancelled service keeps the date the service was planned for but does not
 * print it: the service never took place.
 */
export function creditNoteDraft(
  original: Invoice,
  totals: InvoiceTotals,
  source: { eventId: string | null; reason: string; serviceCancelled?: boolean },
): { draft: DraftInvoice; lines: DraftLine[] } {
  return {
    draft: {
      chambreId: original.chambreId,
      type: 'credit_note',
      typeCode: 381,
      organisationId: original.organisationId,
      bookingId: original.bookingId,
      // Named on the credit note too: accounting posts it to the cotisations' account, and
      // membership sees the membership credited.
      membershipId: original.membershipId,
      correctsInvoiceId: original.id,
      sourceEventId: source.eventId,
      paymentReference: null,
      serviceDate: original.serviceDate,
      serviceEndDate: original.serviceEndDate,
      serviceCancelled: source.serviceCancelled === true,
      paymentMeans: null,
      prepaidAmountCents: 0,
      paidOn: null,
      currency: 'EUR',
      totalExclVatCents: totals.totalExclVatCents,
      totalVatCents: totals.totalVatCents,
      totalInclVatCents: totals.totalInclVatCents,
      ...vatIdentifiersFor(totals.lines, original.seller, original.buyer),
      vatBreakdown: totals.vatBreakdown.map((entry) => ({
        ...entry,
        exemptionReason: entry.exemptionReason ?? null,
      })),
      reason: source.reason,
    },
    lines: totals.lines.map((line) => ({
      description: line.description,
      quantity: line.quantity,
      unitPriceExclVatCents: line.unitPriceExclVatCents,
      vatCategory: line.vatCategory,
      vatRateBasisPoints: line.vatRateBasisPoints,
      exemptionReason: line.exemptionReason ?? null,
      vatRegime: line.vatRegime,
      vatexCode: line.vatexCode,
      lineTotalExclVatCents: line.lineTotalExclVatCents,
    })),
  };
}
