import { Injectable } from '@nestjs/common';
import {
  EventJob,
  HandledJob,
  jobAuditContext,
  OnEvent,
  QueueName,
  runWithAuditContext,
} from '@mutualis/core';
import { TrainingEvents } from '../training.events';
import { IssueConvocationsUseCase } from '../use-cases/issue-convocations/issue-convocations.use-case';

/**
 * Convocations made when due (scheduled on confirmation and made again when the session moves:
 * training-booking.handlers.ts).
 */
@Injectable()
export class ConvocationHandlers {
  constructor(private readonly issue: IssueConvocationsUseCase) {}

  @OnEvent(TrainingEvents.ConvocationDue, QueueName.Training)
  convocationDue(event: EventJob<typeof TrainingEvents.ConvocationDue>, job: HandledJob) {
    return runWithAuditContext(jobAuditContext(job), () => this.issue.execute(event.payload));
  }
}
