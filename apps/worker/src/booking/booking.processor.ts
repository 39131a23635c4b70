import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Job, Queue } from 'bullmq';
import { ExpireBookingUseCase } from '@mutualis/booking';
import { Environment, EventJobData, jobLockOptions, JOBS, QueueName } from '@mutualis/core';

/**
 * Booking's scheduled work: a hold or a waitlist offer running out. The delayed jobs come
 * from the outbox; the sweep catches whatever they missed. Both re-check the booking, so
 * either may arrive first, or twice.
 */
@Processor(QueueName.Booking, { concurrency: 4, ...jobLockOptions() })
export class BookingProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(BookingProcessor.name);

  constructor(
    @InjectQueue(QueueName.Booking) private readonly queue: Queue,
    private readonly expiry: ExpireBookingUseCase,
    private readonly config: ConfigService<Environment, true>,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      JOBS.sweepExpiredBookings.name,
      // The safety net for holds and offers whose delayed job was lost (every minute by default).
      { every: this.config.get('BOOKING_SWEEP_SECONDS', { infer: true }) * 1000 },
      { name: JOBS.sweepExpiredBookings.name, data: {} },
    );
  }

  async process(job: Job<EventJobData>): Promise<unknown> {
    switch (job.name) {
      case JOBS.expireHold.name:
        return { outcome: await this.expiry.expireHold(job.data.aggregateId) };
      case JOBS.expireOffer.name:
        return { outcome: await this.expiry.expireOffer(job.data.aggregateId) };
      case JOBS.sweepExpiredBookings.name:
        return this.expiry.sweep();
      default:
        this.logger.error({ jobId: job.id, name: job.name }, 'no handler for this job');
        throw new Error(`no handler for job ${job.name} on queue ${QueueName.Booking}`);
    }
  }
}
