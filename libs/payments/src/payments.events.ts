/**
 * The facts payments announces. Wire names are stored in outbox_events and never renamed: the
 * Stripe intake says `payments.`, the money facts say `payment.` (a historical inconsistency).
 */
export const PaymentsEvents = {
  /** A verified webhook stored once; the worker applies it (the aggregate is a fresh id). */
  StripeEventReceived: 'payments.stripe-event-received',
  /** A payout recorded; detailing it calls Stripe, after the commit. */
  PayoutPaid: 'payments.payout-paid',
  Succeeded: 'payment.succeeded',
  Disputed: 'payment.disputed',
  /** Paid after the hold ran out or the booking was cancelled: the money goes back. */
  LateRefunded: 'payment.late-refunded',
  Refunded: 'payment.refunded',
  /** Stripe's fee on a payment became known (from its charge, or from its payout's detail). */
  FeeRecorded: 'payment.stripe-fee-recorded',
} as const;

/** How a refund's money went: through Stripe, a transfer finance marked made, or one the bank statement shows. */
export type RefundSettlement = 'stripe' | 'finance' | 'bank_allocation';

declare module '@mutualis/core' {
  interface EventCatalogue {
    [PaymentsEvents.StripeEventReceived]: { stripeEventId: string; stripeType: string };
    [PaymentsEvents.PayoutPaid]: { payoutId: string; amountCents: number };
    [PaymentsEvents.Succeeded]: {
      /** Null when the payment is of an invoice alone (a cotisation): then `invoiceId` is set. */
      bookingId: string | null;
      /** The issued invoice paid directly (POST /invoices/:id/checkout); absent for a booking's. */
      invoiceId?: string | null;
      amountCents: number;
      method: 'card' | 'sepa_debit' | 'bank_transfer';
    };
    [PaymentsEvents.Disputed]: {
      bookingId: string | null;
      invoiceId?: string | null;
      amountCents: number;
    };
    [PaymentsEvents.LateRefunded]: {
      bookingId: string;
      organisationId: string;
      amountCents: number;
    };
    [PaymentsEvents.Refunded]: {
      bookingId: string;
      amountCents: number;
      method: 'card' | 'bank_transfer';
      /** Absent on events recorded before it was told. */
      settledBy?: RefundSettlement;
    };
    [PaymentsEvents.FeeRecorded]: { feeCents: number };
  }
}
