import { QueueName } from './queue-names';

/**
 * Every job name, mapped to the one queue that carries it. Payloads carry ids only: the
 * processor reloads the state it needs. A processor refuses names it does not know.
 */
export const JOBS = {
  purgeExpiredCredentials: {
    queue: QueueName.Maintenance,
    name: 'identity.purge-expired-credentials',
  },
  completePastSessions: {
    queue: QueueName.Maintenance,
    name: 'catalogue.complete-past-sessions',
  },
  purgeDeliveredRecords: {
    queue: QueueName.Maintenance,
    name: 'core.purge-delivered-records',
  },
  purgeExpiredPersonalData: {
    queue: QueueName.Maintenance,
    name: 'privacy.purge-expired-personal-data',
  },
  renderMissingInvoicePdfs: {
    queue: QueueName.Invoicing,
    name: 'invoicing.render-missing-pdfs',
  },
  sweepExpiredBookings: {
    queue: QueueName.Booking,
    name: 'booking.sweep-expired',
  },
  expireHold: {
    queue: QueueName.Booking,
    name: 'booking.hold-expiry-due',
  },
  expireOffer: {
    queue: QueueName.Booking,
    name: 'booking.offer-expiry-due',
  },
  deliverNotification: {
    queue: QueueName.Notifications,
    name: 'notifications.deliver',
  },
  sessionReminder: {
    queue: QueueName.Notifications,
    name: 'notifications.session-reminder',
  },
  invoiceOverdue: {
    queue: QueueName.Notifications,
    name: 'notifications.invoice-overdue',
  },
  attendeeLists: {
    queue: QueueName.Notifications,
    name: 'notifications.attendee-lists',
  },
  requeueStaleDeliveries: {
    queue: QueueName.Notifications,
    name: 'notifications.requeue-stale',
  },
  rebuildSchedules: {
    queue: QueueName.Notifications,
    name: 'notifications.rebuild-schedules',
  },
} as const;

export type JobName = (typeof JOBS)[keyof typeof JOBS]['name'];
