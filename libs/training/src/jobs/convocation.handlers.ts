import { Injectable } from '@nestjs/common';
import {
  EventJob,
  HandledJob,
  jobAuditContext,
  OnEvent,
  QueueName,
  runWithAuditContext,
} from '@mutualis/core';
import { BookingEvents } from '@mutualis/booking';
import { CatalogueEvents } from '@mutualis/catalogue';
import { TrainingEvents } from '../training.events';
import { IssueConvocationsUseCase } from '../use-cases/issue-convocations/issue-convocations.use-case';
import { ReviseConvocationsUseCase } from '../use-cases/revise-convocations/revise-convocations.use-case';
import { ScheduleConvocationsUseCase } from '../use-cases/schedule-convocations/schedule-convocations.use-case';

/** Convocations: due before the session, made when due, made again when the session moves. */
@Injectable()
export class ConvocationHandlers {
  constructor(
    private readonly schedule: ScheduleConvocationsUseCase,
    private readonly issue: IssueConvocationsUseCase,
    private readonly revise: ReviseConvocationsUseCase,
  ) {}

  /**
   * MERGE NOTE: (booking.confirmed, training) takes exactly one handler; when other training
   * work starts there too, one handler calls each use case in turn.
   */
  @OnEvent(BookingEvents.Confirmed, QueueName.Training)
  bookingConfirmed(event: EventJob<typeof BookingEvents.Confirmed>, job: HandledJob) {
    return runWithAuditContext(jobAuditContext(job), async () => ({
      convocations: await this.schedule.execute(event.aggregateId),
    }));
  }

  @OnEvent(TrainingEvents.ConvocationDue, QueueName.Training)
  convocationDue(event: EventJob<typeof TrainingEvents.ConvocationDue>, job: HandledJob) {
    return runWithAuditContext(jobAuditContext(job), () => this.issue.execute(event.payload));
  }

  @OnEvent(CatalogueEvents.SessionRescheduled, QueueName.Training)
  sessionRescheduled(event: EventJob<typeof CatalogueEvents.SessionRescheduled>, job: HandledJob) {
    return runWithAuditContext(jobAuditContext(job), () => this.revise.execute(event.aggregateId));
  }
}
