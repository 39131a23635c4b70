import { Injectable } from '@nestjs/common';
import {
  EventJob,
  HandledJob,
  jobAuditContext,
  OnEvent,
  QueueName,
  runWithAuditContext,
} from '@mutualis/core';
import { MembershipEvents } from '../membership.events';
import { MemberImportRepository } from '../repositories/member-import.repository';
import { RunMemberImportUseCase } from '../use-cases/run-member-import/run-member-import.use-case';

/** The membership context's work in the worker, each handler idempotent. */
@Injectable()
export class MemberImportHandlers {
  constructor(
    private readonly runImport: RunMemberImportUseCase,
    private readonly imports: MemberImportRepository,
  ) {}

  @OnEvent(MembershipEvents.ImportStarted, QueueName.Membership)
  importStarted(event: EventJob<typeof MembershipEvents.ImportStarted>, job: HandledJob) {
    return runWithAuditContext(jobAuditContext(job), async () => {
      try {
        return { outcome: await this.runImport.execute(event.aggregateId) };
      } catch (error) {
        // Retried with backoff (the batches committed stay); after the last attempt the import
        // says it failed and why, rather than running forever, and the admin can fix and re-run.
        if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
          await this.imports.fail(event.aggregateId, (error as Error).message);
        }
        throw error;
      }
    });
  }
}
