import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import {
  EventJobData,
  jobAuditContext,
  jobLockOptions,
  QueueName,
  runWithAuditContext,
} from '@mutualis/core';
import { ImportStatementUseCase } from '@mutualis/reconciliation';

/**
 * Parses uploaded bank statements and matches their lines. One import at a time per worker:
 * a large statement is CPU-bound work, and finance uploads a few files a day.
 */
@Processor(QueueName.Reconciliation, { concurrency: 1, ...jobLockOptions() })
export class ReconciliationProcessor extends WorkerHost {
  constructor(private readonly imports: ImportStatementUseCase) {
    super();
  }

  /** Refunds a statement shows paid are audited as the worker's, with the job for request id. */
  process(job: Job<EventJobData>): Promise<unknown> {
    return runWithAuditContext(jobAuditContext(job), () => this.handle(job));
  }

  private async handle(job: Job<EventJobData>): Promise<unknown> {
    switch (job.name) {
      case 'reconciliation.statement-uploaded':
        return { outcome: await this.imports.process(job.data.aggregateId) };
      default:
        throw new Error(`no handler for job ${job.name} on queue ${QueueName.Reconciliation}`);
    }
  }
}
