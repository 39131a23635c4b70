import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap, Type } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { HandlerRegistry, jobLockOptions, QueueName } from '@mutualis/core';

/**
 * One consumer per queue, each dispatching to the handler the registry found for the job's name.
 * Workers are built paused (autorun off) and started once every module is initialised, so no
 * job runs before the registry's start-up check has passed. At start each consumer also upserts
 * the job schedulers its queue's handlers declare (idempotent: every replica does it).
 */
function queueConsumer(
  queue: QueueName,
  options: { concurrency?: number; lock?: boolean },
): Type<WorkerHost> {
  @Processor(queue, {
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.lock === false ? {} : jobLockOptions()),
    autorun: false,
  })
  class QueueConsumer extends WorkerHost implements OnApplicationBootstrap {
    private readonly logger = new Logger(`${queue}-queue`);

    constructor(
      private readonly registry: HandlerRegistry,
      @InjectQueue(queue) private readonly queue: Queue,
    ) {
      super();
    }

    async onApplicationBootstrap(): Promise<void> {
      for (const schedule of this.registry.schedules()) {
        if (schedule.queue !== queue) continue;
        await this.queue.upsertJobScheduler(schedule.name, schedule.repeat, {
          name: schedule.name,
          data: {},
        });
      }
      this.worker.run().catch((error: unknown) => {
        this.logger.error({ err: error }, 'queue consumer stopped');
      });
    }

    process(job: Job): Promise<unknown> {
      return this.registry.dispatch(queue, job);
    }
  }
  Object.defineProperty(QueueConsumer, 'name', { value: `${queue}QueueConsumer` });
  return QueueConsumer;
}

/** The same concurrency and locks per queue as the processors they replace. */
export const QUEUE_CONSUMERS = [
  // Housekeeping: one job at a time, BullMQ's default locks.
  queueConsumer(QueueName.Maintenance, { lock: false }),
  queueConsumer(QueueName.Booking, { concurrency: 4 }),
  queueConsumer(QueueName.Invoicing, { concurrency: 2 }),
  queueConsumer(QueueName.Payments, { concurrency: 4 }),
  queueConsumer(QueueName.Notifications, { concurrency: 4 }),
  // A large statement is CPU-bound work, and finance uploads a few files a day.
  queueConsumer(QueueName.Reconciliation, { concurrency: 1 }),
  // One post at a time, in the order the facts were committed: the VAT a payment moves is read
  // from the invoice's books as they stand, so a payment posted before the reversal of an
  // earlier one (both on one invoice) found it overpaid and moved none, then the reversal took
  // the VAT back (the year simulation caught it). Posting is a few ms; the journal keeps up.
  queueConsumer(QueueName.Accounting, { concurrency: 1 }),
  // The renewal campaign issues invoices in batches; each batch locks the invoice series.
  queueConsumer(QueueName.Membership, { concurrency: 2 }),
  queueConsumer(QueueName.Training, { concurrency: 2 }),
];
