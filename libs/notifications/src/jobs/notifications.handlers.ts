import { Injectable } from '@nestjs/common';
import { EventJob, HandledJob, JobData, OnEvents, OnJob, QueueName } from '@mutualis/core';
import { NotificationsJobs } from '../notifications.events';
import { DeliverNotificationUseCase } from '../use-cases/deliver-notification/deliver-notification.use-case';
import {
  NOTIFIED_EVENTS,
  NotifiedEvent,
  NotifyEventUseCase,
} from '../use-cases/notify-event/notify-event.use-case';
import { SendScheduledNotificationsUseCase } from '../use-cases/send-scheduled-notifications/send-scheduled-notifications.use-case';

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
    private readonly scheduled: SendScheduledNotificationsUseCase,
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
    return { queued: await this.scheduled.sessionReminder(data.bookingId) };
  }

  @OnJob(NotificationsJobs.InvoiceOverdue, QueueName.Notifications)
  async invoiceOverdue(data: JobData<typeof NotificationsJobs.InvoiceOverdue>) {
    return { queued: await this.scheduled.overdueReminder(data.invoiceId, data.stage) };
  }

  /** Consultants get tomorrow's attendee lists at the end of the afternoon. */
  @OnJob(NotificationsJobs.AttendeeLists, QueueName.Notifications, {
    schedule: { pattern: '0 17 * * *', tz: PARIS },
  })
  attendeeLists() {
    return this.scheduled.attendeeLists();
  }

  /** Reminders and dunning letters lost with Redis's data are scheduled again every night. */
  @OnJob(NotificationsJobs.RebuildSchedules, QueueName.Notifications, {
    schedule: { pattern: '15 3 * * *', tz: PARIS },
  })
  rebuildSchedules() {
    return this.scheduled.rebuildSchedules();
  }

  @OnJob(NotificationsJobs.RequeueStale, QueueName.Notifications, {
    schedule: { every: 10 * 60_000 },
  })
  async requeueStale() {
    return { requeued: await this.scheduled.requeueStale() };
  }
}
