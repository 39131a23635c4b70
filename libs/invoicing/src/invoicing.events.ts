import type { NoPayload } from '@mutualis/core';
import type { InvoiceStatus } from './invoicing.types';

/**
 * The facts invoicing announces. Wire names are stored in outbox_events and never renamed: most
 * say `invoice.`, the credit-note request says `invoicing.` (a historical inconsistency).
 */
export const InvoicingEvents = {
  InvoiceIssued: 'invoice.issued',
  CreditNoteIssued: 'invoice.credit-note-issued',
  PaymentRecorded: 'invoice.payment-recorded',
  /** An allocation undone: the dunning letters still ahead come back. */
  PaymentReversed: 'invoice.payment-reversed',
  CreditNoteRequested: 'invoicing.credit-note-requested',
} as const;

export const InvoicingJobs = {
  /** Every five minutes: issued invoices whose PDF is not rendered yet. */
  RenderMissingPdfs: 'invoicing.render-missing-pdfs',
  /** One step of a transmission (send, then follow), delayed by the channel's backoff. */
  AdvanceTransmission: 'invoicing.advance-transmission',
  /** Every five minutes: open transmissions whose step is overdue (a job lost) are resumed. */
  ResumeTransmissions: 'invoicing.resume-transmissions',
} as const;

/** The step a job is for: a job for an older step (redelivered, or replaced) does nothing. */
export type AdvanceTransmissionJob = { invoiceId: string; step: number };

export type InvoiceIssuedPayload = {
  number: string | null;
  organisationId: string;
  bookingId: string | null;
  /** The membership a cotisation invoice (or its credit note) bills; null otherwise. */
  membershipId: string | null;
  correctsInvoiceId: string | null;
  totalInclVatCents: number;
};

export type InvoicePaymentPayload = {
  paymentId: string;
  amountCents: number;
  status: InvoiceStatus;
  /** The membership the invoice bills (a paid cotisation activates it); null otherwise. */
  membershipId: string | null;
};

declare module '@mutualis/core' {
  interface EventCatalogue {
    [InvoicingEvents.InvoiceIssued]: InvoiceIssuedPayload;
    [InvoicingEvents.CreditNoteIssued]: InvoiceIssuedPayload;
    [InvoicingEvents.PaymentRecorded]: InvoicePaymentPayload;
    [InvoicingEvents.PaymentReversed]: InvoicePaymentPayload;
    [InvoicingEvents.CreditNoteRequested]: { correctsInvoiceId: string; requestedBy: string };
  }
  interface JobCatalogue {
    [InvoicingJobs.RenderMissingPdfs]: NoPayload;
    [InvoicingJobs.AdvanceTransmission]: AdvanceTransmissionJob;
    [InvoicingJobs.ResumeTransmissions]: NoPayload;
  }
}
