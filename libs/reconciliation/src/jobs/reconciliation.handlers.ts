import { Injectable } from '@nestjs/common';
import {
  EventJob,
  HandledJob,
  jobAuditContext,
  OnEvent,
  QueueName,
  runWithAuditContext,
} from '@mutualis/core';
import { ReconciliationEvents } from '../reconciliation.events';
import { ImportStatementUseCase } from '../use-cases/import-statement/import-statement.use-case';

/** Parses uploaded bank statements and matches their lines (one at a time per worker). */
@Injectable()
export class ReconciliationHandlers {
  constructor(private readonly imports: ImportStatementUseCase) {}

  /** Refunds a statement shows paid are audited as the worker's, with the job for request id. */
  @OnEvent(ReconciliationEvents.StatementUploaded, QueueName.Reconciliation)
  statementUploaded(
    event: EventJob<typeof ReconciliationEvents.StatementUploaded>,
    job: HandledJob,
  ) {
    return runWithAuditContext(jobAuditContext(job), async () => ({
      outcome: await this.imports.process(event.aggregateId),
    }));
  }
}
