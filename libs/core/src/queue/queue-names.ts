/**
 * Every BullMQ queue, frozen here so producers and processors never disagree on a name.
 * A queue per consuming context: each processes its jobs at its own pace and retries alone.
 */
export enum QueueName {
  /** Housekeeping of the platform itself (expired credentials, ended sessions, lost holds). */
  Maintenance = 'maintenance',
  /** Booking's own scheduled work: hold and offer expiries. */
  Booking = 'booking',
  /** E-mails to members, consultants and finance (the notifications context). */
  Notifications = 'notifications',
  /** Invoices and credit notes (the invoicing context). */
  Invoicing = 'invoicing',
  /** Stripe events to apply and refunds to send (the payments context). */
  Payments = 'payments',
  /** Bank statements to parse and transactions to match (the reconciliation context). */
  Reconciliation = 'reconciliation',
  /** The Chambre's journal: entries posted as money facts happen (the accounting context). */
  Accounting = 'accounting',
  /** Membership invoices of the yearly campaign, reminders and lapses (the membership context). */
  Membership = 'membership',
  /** The training body's documents, convocations, signing links and surveys (the training context). */
  Training = 'training',
}

/**
 * How long a worker owns an active job before others consider it stalled (its process died)
 * and run it again. Read at start-up from JOB_LOCK_MS, as processor options are static;
 * BullMQ's 30 s default otherwise.
 */
export function jobLockOptions(): { lockDuration: number; stalledInterval: number } {
  const configured = Number(process.env.JOB_LOCK_MS);
  const lockDuration = Number.isInteger(configured) && configured >= 1_000 ? configured : 30_000;
  return { lockDuration, stalledInterval: lockDuration };
}
