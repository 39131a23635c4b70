/** How money moves for an invoice or a credit note (EN 16931 BT-81). */
export const PAYMENT_MEANS = [
  'card',
  'sepa_debit',
  'bank_transfer',
  'cheque',
  'administrative_mandate',
] as const;
export type PaymentMeans = (typeof PAYMENT_MEANS)[number];

/** Paid through Stripe: money that a cancellation's refund sends back the same way. */
export type OnlineMeans = Extract<PaymentMeans, 'card' | 'sepa_debit'>;

export function isOnline(means: PaymentMeans | null): means is OnlineMeans {
  return means === 'card' || means === 'sepa_debit';
}

/**
 * The délai global de paiement of a public buyer (code de la commande publique, art. R2192-10):
 * 30 days, whatever longer term the Chambre gives professionals.
 */
export const PUBLIC_BUYER_PAYMENT_DAYS = 30;

/** What a document says of its settlement when it is issued, and keeps saying. */
export interface SettlementAtIssue {
  paymentMeans: PaymentMeans | null;
  /** BT-113: already settled when issued. */
  prepaidAmountCents: number;
  /** BT-115: what the document asks, total less prepaid. */
  payableAmountCents: number;
  /** The day of the prepaid payment, or of a refund sent back to it. */
  paidOn: string | null;
  /** By when the payable amount is paid (by the buyer, or to the buyer for a credit note). */
  dueDate: string | null;
}

/** `2026-12-15` plus 30 calendar days is `2027-01-14`. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** The payment term an invoice gives: the Chambre's, capped for a public buyer. */
export function paymentTermsDays(sellerDays: number, publicBuyer: boolean): number {
  return publicBuyer ? Math.min(sellerDays, PUBLIC_BUYER_PAYMENT_DAYS) : sellerDays;
}

/**
 * An invoice's settlement at issue. A card or SEPA payment confirmed the booking before the
 * invoice was issued: the invoice says it is paid (« acquittée ») and asks nothing more, unless
 * the payment fell short. Otherwise the whole total is due within the payment term.
 */
export function invoiceSettlement(input: {
  totalInclVatCents: number;
  paymentMeans: PaymentMeans | null;
  prepaid: { amountCents: number; paidOn: string } | null;
  issueDate: string;
  termsDays: number;
}): SettlementAtIssue {
  const { totalInclVatCents: total, prepaid, issueDate } = input;
  const prepaidAmountCents = Math.min(total, Math.max(0, prepaid?.amountCents ?? 0));
  const payableAmountCents = total - prepaidAmountCents;
  const paidOn = prepaidAmountCents > 0 ? prepaid!.paidOn : null;
  return {
    // The means of the payment made, or asked for (a transfer when the booking named none). What
    // an online payment that fell short leaves is asked by transfer: the document says so.
    paymentMeans: input.paymentMeans ?? (payableAmountCents > 0 ? 'bank_transfer' : null),
    prepaidAmountCents,
    payableAmountCents,
    paidOn,
    // Nothing left to pay: due the day it was paid (or issued, for an invoice of nothing).
    dueDate: payableAmountCents > 0 ? addDays(issueDate, input.termsDays) : (paidOn ?? issueDate),
  };
}

/**
 * A credit note's settlement at issue. What the invoice still asks is reduced first (set off);
 * the rest goes back to the buyer: through Stripe to the card or account it came from when a
 * cancellation's refund sends it so (`automaticRefundOn`, the day it was ordered), otherwise by
 * the Chambre's transfer within its payment term.
 */
export function creditNoteSettlement(input: {
  totalInclVatCents: number;
  /** What the corrected invoice still asked before this credit note. */
  outstandingOnInvoiceCents: number;
  invoiceMeans: PaymentMeans | null;
  automaticRefundOn: string | null;
  issueDate: string;
  termsDays: number;
}): SettlementAtIssue {
  const total = input.totalInclVatCents;
  const offset = Math.min(total, Math.max(0, input.outstandingOnInvoiceCents));
  const refund = total - offset;
  const settled = { prepaidAmountCents: offset, payableAmountCents: refund };
  if (refund === 0) return { ...settled, paymentMeans: null, paidOn: null, dueDate: null };
  if (input.automaticRefundOn && isOnline(input.invoiceMeans)) {
    return {
      ...settled,
      paymentMeans: input.invoiceMeans,
      paidOn: input.automaticRefundOn,
      dueDate: null,
    };
  }
  return {
    ...settled,
    paymentMeans: 'bank_transfer',
    paidOn: null,
    dueDate: addDays(input.issueDate, input.termsDays),
  };
}

/**
 * What an issued invoice still asks before a new credit note: its total less what was paid and
 * credited. A payment made before issue counts even before the payment is recorded against it.
 */
export function outstandingCents(invoice: {
  totalInclVatCents: number;
  amountPaidCents: number;
  prepaidAmountCents: number;
  amountCreditedCents: number;
}): number {
  const paid = Math.max(invoice.amountPaidCents, invoice.prepaidAmountCents);
  return Math.max(0, invoice.totalInclVatCents - paid - invoice.amountCreditedCents);
}
