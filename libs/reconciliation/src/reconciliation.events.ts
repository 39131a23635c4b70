import type { NoPayload } from '@mutualis/core';

/** The facts reconciliation announces (wire names: stored in outbox_events, never renamed). */
export const ReconciliationEvents = {
  /** A bank statement to parse and match (the aggregate is the import). */
  StatementUploaded: 'reconciliation.statement-uploaded',
} as const;

declare module '@mutualis/core' {
  interface EventCatalogue {
    [ReconciliationEvents.StatementUploaded]: NoPayload;
  }
}
