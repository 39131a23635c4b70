import { QueueName } from './queue-names';

/**
 * Which queues receive each outbox event type, one job per queue with the event id as job id,
 * so a relay that publishes twice (a crash between enqueue and commit) adds nothing twice.
 * Types without a route are marked published and go nowhere.
 */
export const EVENT_ROUTES: Record<string, QueueName[]> = {
  'identity.invitation-created': [QueueName.Notifications],
  'offering.published': [QueueName.Notifications],
  'offering.rejected': [QueueName.Notifications],
  'booking.created': [QueueName.Notifications],
  'booking.waitlisted': [],
  'booking.confirmed': [QueueName.Notifications, QueueName.Invoicing],
  'booking.cancelled': [QueueName.Notifications, QueueName.Invoicing, QueueName.Payments],
  'booking.expired': [],
  'booking.offer-accepted': [QueueName.Notifications],
  'booking.attendance-marked': [],
  'waitlist.offered': [QueueName.Notifications],
  'waitlist.offer-expired': [],
  // Each booking on it is cancelled with its own booking.cancelled, which is what members hear.
  'session.cancelled': [],
  'invoice.issued': [QueueName.Notifications],
  'invoice.credit-note-issued': [QueueName.Notifications],
  'invoice.payment-recorded': [QueueName.Notifications],
  'invoicing.credit-note-requested': [QueueName.Invoicing],
  'payments.stripe-event-received': [QueueName.Payments],
  'payments.payout-paid': [QueueName.Payments],
  'reconciliation.statement-uploaded': [QueueName.Reconciliation],
  'invoice.payment-reversed': [QueueName.Notifications],
  'payment.late-refunded': [],
  'payment.refunded': [QueueName.Notifications],
  'payment.succeeded': [QueueName.Invoicing],
  'payment.disputed': [],
  // The account's own mail; the aggregate is the account token (or, for a sign-up attempt on a
  // taken address, the user), never the token's secret.
  'identity.email-verification-requested': [QueueName.Notifications],
  'identity.email-change-requested': [QueueName.Notifications],
  'identity.password-reset-requested': [QueueName.Notifications],
  'identity.registration-attempted': [QueueName.Notifications],
  // Scheduled work, delivered at the event's deliver_at.
  'booking.hold-expiry-due': [QueueName.Booking],
  'booking.offer-expiry-due': [QueueName.Booking],
};

export function queuesFor(type: string): QueueName[] {
  return EVENT_ROUTES[type] ?? [];
}

/** What a relayed job carries: the event's identity and ids, never state (processors reload it). */
export interface EventJobData {
  eventId: string;
  type: string;
  aggregateId: string;
  payload: Record<string, string | number | boolean | null>;
}
