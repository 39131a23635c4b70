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
import { RunMemberImportUseCase } from '../use-cases/run-member-import/run-member-import.use-case';

/** The membership context's work in the worker, each handler idempotent. */
@Injectable()
export class MemberImportHandlers {
  constructor(private readonly runImport: RunMemberImportUseCase) {}

  @OnEvent(MembershipEvents.ImportStarted, QueueName.Membership)
  importStarted(event: EventJob<typeof MembershipEvents.ImportStarted>, job: HandledJob) {
    return runWithAuditContext(jobAuditContext(job), async () => ({
      outcome: await this.runImport.execute(event.aggregateId),
    }));
  }
}
