import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { EventJobData, jobLockOptions, JOBS, QueueName } from '@mutualis/core';
import {
  DeliverJobData,
  DeliverNotificationUseCase,
  NotifyEventUseCase,
  OverdueJobData,
  ReminderJobData,
  SendScheduledNotificationsUseCase,
} from '@mutualis/notifications';

const PARIS = 'Europe/Paris';

/** Consultants get tomorrow's attendee lists at the end of the afternoon. */
const ATTENDEE_LISTS = { pattern: '0 17 * * *', tz: PARIS };
const REQUEUE_STALE_MS = 10 * 60_000;
/** Reminders and dunning letters lost with Redis's data are scheduled again every night. */
const REBUILD_SCHEDULES = { pattern: '15 3 * * *', tz: PARIS };

/**
 * E-mail: outbox events become logged messages (one `deliver` job each, retried with
 * exponential backoff), and mail due later runs from delayed and repeatable jobs.
 */
@Processor(QueueName.Notifications, { concurrency: 4, ...jobLockOptions() })
export class NotificationsProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QueueName.Notifications) private readonly queue: Queue,
    private readonly notifyEvent: NotifyEventUseCase,
    private readonly deliver: DeliverNotificationUseCase,
    private readonly scheduled: SendScheduledNotificationsUseCase,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(JOBS.attendeeLists.name, ATTENDEE_LISTS, {
      name: JOBS.attendeeLists.name,
      data: {},
    });
    await this.queue.upsertJobScheduler(JOBS.rebuildSchedules.name, REBUILD_SCHEDULES, {
      name: JOBS.rebuildSchedules.name,
      data: {},
    });
    await this.queue.upsertJobScheduler(
      JOBS.requeueStaleDeliveries.name,
      { every: REQUEUE_STALE_MS },
      { name: JOBS.requeueStaleDeliveries.name, data: {} },
    );
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JOBS.deliverNotification.name: {
        const { deliveryId } = job.data as DeliverJobData;
        const outcome = await this.deliver.execute({
          deliveryId,
          attempt: job.attemptsMade + 1,
          maxAttempts: job.opts.attempts ?? 1,
        });
        return { outcome };
      }
      case JOBS.sessionReminder.name:
        return {
          queued: await this.scheduled.sessionReminder((job.data as ReminderJobData).bookingId),
        };
      case JOBS.invoiceOverdue.name: {
        const { invoiceId, stage } = job.data as OverdueJobData;
        return { queued: await this.scheduled.overdueReminder(invoiceId, stage) };
      }
      case JOBS.attendeeLists.name:
        return this.scheduled.attendeeLists();
      case JOBS.rebuildSchedules.name:
        return this.scheduled.rebuildSchedules();
      case JOBS.requeueStaleDeliveries.name:
        return { requeued: await this.scheduled.requeueStale() };
      default:
        // Outbox events: the planner refuses a type it has no mail for.
        return this.notifyEvent.execute(job.data as EventJobData);
    }
  }
}
