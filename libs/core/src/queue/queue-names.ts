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
}
