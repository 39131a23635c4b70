import type { NoPayload } from '@mutualis/core';

/** The facts reconciliation announces (wire names: stored in outbox_events, never renamed). */
export const ReconciliationEvents = {
  /** A bank statement to parse and match (the aggregate is the import). */
  StatementUploaded: 'reconciliation.statement-uploaded',
  /** Money of a bank line given to an invoice, an organisation's credit, a refund or a payout. */
  AllocationMade: 'reconciliation.allocation-made',
  /** An allocation undone; what it did elsewhere is undone in the same transaction. */
  AllocationUndone: 'reconciliation.allocation-undone',
} as const;

/** What an allocation gave the line's money to (the aggregate is the allocation). */
export type AllocationPayload = {
  transactionId: string;
  kind: 'invoice' | 'organisation_credit' | 'refund' | 'payout';
};

declare module '@mutualis/core' {
  interface EventCatalogue {
    [ReconciliationEvents.StatementUploaded]: NoPayload;
    [ReconciliationEvents.AllocationMade]: AllocationPayload;
    [ReconciliationEvents.AllocationUndone]: AllocationPayload;
  }
}
