import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { CompletePastSessionsUseCase } from '@mutualis/catalogue';
import { IdempotencyService, JOBS, OutboxService, QueueName } from '@mutualis/core';
import { PurgeExpiredCredentialsUseCase } from '@mutualis/identity';
import { PurgeExpiredPersonalDataUseCase } from '@mutualis/privacy';

const PARIS = 'Europe/Paris';

/** Published outbox events are kept this long, to investigate what was sent when. */
const OUTBOX_RETENTION_DAYS = 30;

/** When each housekeeping job runs (BullMQ job schedulers, one per job name). */
const SCHEDULES = [
  { job: JOBS.purgeExpiredCredentials.name, repeat: { pattern: '30 3 * * *', tz: PARIS } },
  { job: JOBS.completePastSessions.name, repeat: { pattern: '5 * * * *', tz: PARIS } },
  { job: JOBS.purgeDeliveredRecords.name, repeat: { pattern: '45 3 * * *', tz: PARIS } },
  { job: JOBS.purgeExpiredPersonalData.name, repeat: { pattern: '50 3 * * *', tz: PARIS } },
];

/** Housekeeping jobs of the platform: each handler is idempotent, so a replayed job is harmless. */
@Processor(QueueName.Maintenance)
export class MaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(
    @InjectQueue(QueueName.Maintenance) private readonly queue: Queue,
    private readonly purgeExpiredCredentials: PurgeExpiredCredentialsUseCase,
    private readonly completePastSessions: CompletePastSessionsUseCase,
    private readonly outbox: OutboxService,
    private readonly idempotency: IdempotencyService,
    private readonly purgeExpiredPersonalData: PurgeExpiredPersonalDataUseCase,
  ) {
    super();
  }

  /** Upserting a scheduler is idempotent: every worker replica may do it at start. */
  async onApplicationBootstrap(): Promise<void> {
    for (const { job, repeat } of SCHEDULES) {
      await this.queue.upsertJobScheduler(job, repeat, { name: job, data: {} });
    }
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JOBS.purgeExpiredCredentials.name: {
        const result = await this.purgeExpiredCredentials.execute();
        this.logger.log({ jobId: job.id, ...result }, 'purged expired credentials');
        return result;
      }
      case JOBS.completePastSessions.name: {
        const completed = await this.completePastSessions.execute();
        if (completed > 0)
          this.logger.log({ jobId: job.id, completed }, 'marked ended sessions completed');
        return { completed };
      }
      case JOBS.purgeDeliveredRecords.name: {
        const events = await this.outbox.purgePublished(OUTBOX_RETENTION_DAYS);
        const keys = await this.idempotency.purgeExpired();
        this.logger.log(
          { jobId: job.id, events, keys },
          'purged delivered outbox events and old idempotency keys',
        );
        return { events, keys };
      }
      case JOBS.purgeExpiredPersonalData.name: {
        const result = await this.purgeExpiredPersonalData.execute();
        this.logger.log({ jobId: job.id, ...result }, 'anonymised personal data past retention');
        return result;
      }
      default:
        throw new Error(`no handler for job ${job.name} on queue ${QueueName.Maintenance}`);
    }
  }
}
