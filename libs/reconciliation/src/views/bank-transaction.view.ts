import type { MatchReason } from '../matching/match-scoring';
import type { TransactionStatus } from '../repositories/bank-transaction.repository';

export type { TransactionStatus };

export interface BankTransactionView {
  id: string;
  bookingDate: string;
  valueDate: string | null;
  amountCents: number;
  currency: string;
  direction: 'credit' | 'debit';
  payerName: string | null;
  payerIban: string | null;
  remittanceInfo: string | null;
  reference: string | null;
  bankReference: string | null;
  status: TransactionStatus;
  allocatedCents: number;
  suggestions: {
    /** An invoice for a credit, or a refund instruction for a debit. */
    invoiceId: string | null;
    invoiceNumber: string | null;
    refundId: string | null;
    organisationName: string | null;
    amountDueCents: number | null;
    score: number;
    reasons: (MatchReason & { text: string })[];
  }[];
  allocations: {
    id: string;
    kind: 'invoice' | 'organisation_credit' | 'refund' | 'payout';
    invoiceId: string | null;
    invoiceNumber: string | null;
    refundId: string | null;
    /** A Stripe payout (one credit for many card payments): no single organisation. */
    payoutId: string | null;
    organisationId: string | null;
    amountCents: number;
    automatic: boolean;
    createdAt: string;
  }[];
}

export interface AuditEntryView {
  at: string;
  actorId: string | null;
  action: string;
  allocationId: string | null;
  invoiceId: string | null;
  amountCents: number | null;
}
