import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { JOBS, QueueName } from '@mutualis/core';
import { PurgeExpiredCredentialsUseCase, PurgeResult } from '@mutualis/identity';

/** Every night at 03:30 Paris time. */
const PURGE_SCHEDULE = { pattern: '30 3 * * *', tz: 'Europe/Paris' };

/** Housekeeping jobs of the platform, scheduled by BullMQ's job schedulers. */
@Processor(QueueName.Maintenance)
export class MaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(
    @InjectQueue(QueueName.Maintenance) private readonly queue: Queue,
    private readonly purgeExpiredCredentials: PurgeExpiredCredentialsUseCase,
  ) {
    super();
  }

  /** Upserting a scheduler is idempotent: every worker replica may do it at start. */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(JOBS.purgeExpiredCredentials.name, PURGE_SCHEDULE, {
      name: JOBS.purgeExpiredCredentials.name,
      data: {},
    });
  }

  async process(job: Job): Promise<PurgeResult> {
    switch (job.name) {
      case JOBS.purgeExpiredCredentials.name: {
        const result = await this.purgeExpiredCredentials.execute();
        this.logger.log({ jobId: job.id, ...result }, 'purged expired credentials');
        return result;
      }
      default:
        throw new Error(`no handler for job ${job.name} on queue ${QueueName.Maintenance}`);
    }
  }
}
