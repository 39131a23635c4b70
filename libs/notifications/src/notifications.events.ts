import type { NoPayload } from '@mutualis/core';
import type { DeliverJobData } from './services/delivery-dispatcher';
import type {
  OverdueJobData,
  ReminderJobData,
  RenewalReminderJobData,
} from './services/notification-scheduler';

/** Notifications announces no facts; these are its queued and scheduled jobs. */
export const NotificationsJobs = {
  /** One e-mail of the delivery log, retried with exponential backoff. */
  Deliver: 'notifications.deliver',
  /** Delayed: two days before the service (fixed job id per booking). */
  SessionReminder: 'notifications.session-reminder',
  /** Delayed: 7, 15 and 30 days after the due date (fixed job id per invoice and stage). */
  InvoiceOverdue: 'notifications.invoice-overdue',
  /** Delayed: a renewal invoice's reminders and final notice (fixed job id per invoice and stage). */
  RenewalReminder: 'notifications.renewal-reminder',
  /** Daily at 17:00 Paris: consultants get tomorrow's attendee lists. */
  AttendeeLists: 'notifications.attendee-lists',
  /** Every ten minutes: deliveries whose job was lost are queued again. */
  RequeueStale: 'notifications.requeue-stale',
  /** Nightly: reminders and letters lost with Redis's data are scheduled again. */
  RebuildSchedules: 'notifications.rebuild-schedules',
} as const;

declare module '@mutualis/core' {
  interface JobCatalogue {
    [NotificationsJobs.Deliver]: DeliverJobData;
    [NotificationsJobs.SessionReminder]: ReminderJobData;
    [NotificationsJobs.InvoiceOverdue]: OverdueJobData;
    [NotificationsJobs.RenewalReminder]: RenewalReminderJobData;
    [NotificationsJobs.AttendeeLists]: NoPayload;
    [NotificationsJobs.RequeueStale]: NoPayload;
    [NotificationsJobs.RebuildSchedules]: NoPayload;
  }
}
