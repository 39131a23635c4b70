import { Injectable } from '@nestjs/common';
import { EventJob, HandledJob, JobData, OnEvents, OnJob, QueueName } from '@mutualis/core';
import { NotificationsJobs } from '../notifications.events';
import { DeliverNotificationUseCase } from '../use-cases/deliver-notification/deliver-notification.use-case';
import {
  NOTIFIED_EVENTS,
  NotifiedEvent,
  NotifyEventUseCase,
} from '../use-cases/notify-event/notify-event.use-case';
import { SendSessionReminderUseCase } from '../use-cases/send-session-reminder/send-session-reminder.use-case';
import { SendOverdueReminderUseCase } from '../use-cases/send-overdue-reminder/send-overdue-reminder.use-case';
import { SendRenewalReminderUseCase } from '../use-cases/send-renewal-reminder/send-renewal-reminder.use-case';
import { SendAttendeeListsUseCase } from '../use-cases/send-attendee-lists/send-attendee-lists.use-case';
import { RebuildNotificationSchedulesUseCase } from '../use-cases/rebuild-notification-schedules/rebuild-notification-schedules.use-case';
import { RequeueStaleDeliveriesUseCase } from '../use-cases/requeue-stale-deliveries/requeue-stale-deliveries.use-case';

const PARIS = 'Europe/Paris';

/**
 * E-mail: outbox events become logged messages (one `deliver` job each, retried with
 * exponential backoff), and mail due later runs from delayed and repeatable jobs.
 */
@Injectable()
export class NotificationsHandlers {
  constructor(
    private readonly notifyEvent: NotifyEventUseCase,
    private readonly deliver: DeliverNotificationUseCase,
    private readonly sendSessionReminder: SendSessionReminderUseCase,
    private readonly sendOverdueReminder: SendOverdueReminderUseCase,
    private readonly sendAttendeeLists: SendAttendeeListsUseCase,
    private readonly rebuildNotificationSchedules: RebuildNotificationSchedulesUseCase,
    private readonly requeueStaleDeliveries: RequeueStaleDeliveriesUseCase,
    private readonly sendRenewalReminder: SendRenewalReminderUseCase,
  ) {}

  @OnEvents(NOTIFIED_EVENTS, QueueName.Notifications)
  notify(event: EventJob<NotifiedEvent>) {
    return this.notifyEvent.execute(event);
  }

  @OnJob(NotificationsJobs.Deliver, QueueName.Notifications)
  async deliverOne(data: JobData<typeof NotificationsJobs.Deliver>, job: HandledJob) {
    const outcome = await this.deliver.execute({
      deliveryId: data.deliveryId,
      attempt: job.attemptsMade + 1,
      maxAttempts: job.opts.attempts ?? 1,
    });
    return { outcome };
  }

  @OnJob(NotificationsJobs.SessionReminder, QueueName.Notifications)
  async sessionReminder(data: JobData<typeof NotificationsJobs.SessionReminder>) {
    return { queued: await this.sendSessionReminder.execute(data.bookingId) };
  }

  @OnJob(NotificationsJobs.InvoiceOverdue, QueueName.Notifications)
  async invoiceOverdue(data: JobData<typeof NotificationsJobs.InvoiceOverdue>) {
    return { queued: await this.sendOverdueReminder.execute(data.invoiceId, data.stage) };
  }

  @OnJob(NotificationsJobs.RenewalReminder, QueueName.Notifications)
  async renewalReminder(data: JobData<typeof NotificationsJobs.RenewalReminder>) {
    return {
      queued: await this.sendRenewalReminder.execute(data.invoiceId, data.stage, data.final),
    };
  }

  /** Consultants get tomorrow's attendee lists at the end of the afternoon. */
  @OnJob(NotificationsJobs.AttendeeLists, QueueName.Notifications, {
    schedule: { pattern: '0 17 * * *', tz: PARIS },
  })
  attendeeLists() {
    return this.sendAttendeeLists.execute();
  }

  /** Reminders, renewal reminders and dunning letters lost with Redis's data are scheduled again every night. */
  @OnJob(NotificationsJobs.RebuildSchedules, QueueName.Notifications, {
    schedule: { pattern: '15 3 * * *', tz: PARIS },
  })
  rebuildSchedules() {
    return this.rebuildNotificationSchedules.execute();
  }

  @OnJob(NotificationsJobs.RequeueStale, QueueName.Notifications, {
    schedule: { every: 10 * 60_000 },
  })
  async requeueStale() {
    return { requeued: await this.requeueStaleDeliveries.execute() };
  }
}
