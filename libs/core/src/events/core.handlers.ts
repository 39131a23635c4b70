import { Injectable, Logger } from '@nestjs/common';
import { CoreJobs } from '../core.events';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { OutboxService } from '../outbox/outbox.service';
import { QueueName } from '../queue/queue-names';
import type { HandledJob } from './catalogue';
import { OnJob } from './handler.decorators';

/** Published outbox events are kept this long, to investigate what was sent when. */
const OUTBOX_RETENTION_DAYS = 30;

/** Core's housekeeping (OutboxModule provides it; only the worker's registry runs it). */
@Injectable()
export class CoreHandlers {
  private readonly logger = new Logger(CoreHandlers.name);

  constructor(
    private readonly outbox: OutboxService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @OnJob(CoreJobs.PurgeDeliveredRecords, QueueName.Maintenance, {
    schedule: { pattern: '45 3 * * *', tz: 'Europe/Paris' },
  })
  async purgeDeliveredRecords(_data: unknown, job: HandledJob) {
    const events = await this.outbox.purgePublished(OUTBOX_RETENTION_DAYS);
    const keys = await this.idempotency.purgeExpired();
    this.logger.log(
      { jobId: job.id, events, keys },
      'purged delivered outbox events and old idempotency keys',
    );
    return { events, keys };
  }
}
