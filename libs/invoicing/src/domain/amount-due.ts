/**
 * What an invoice still asks for: its total less what was paid and what was credited, never
 * below zero (an overpayment is not owed back through the invoice).
 */
export function amountDueCents(invoice: {
  totalInclVatCents: number;
  amountPaidCents: number;
  amountCreditedCents: number;
}): number {
  return Math.max(
    0,
    invoice.totalInclVatCents - invoice.amountPaidCents - invoice.amountCreditedCents,
  );
}

/** What credit notes may still take off an invoice: its total less what was already credited. */
export function amountLeftToCreditCents(invoice: {
  totalInclVatCents: number;
  amountCreditedCents: number;
}): number {
  return invoice.totalInclVatCents - invoice.amountCreditedCents;
}
