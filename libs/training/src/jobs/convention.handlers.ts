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
import { TrainingEvents } from '../training.events';
import { IssueConventionUseCase } from '../use-cases/issue-convention/issue-convention.use-case';
import { RemindConventionUseCase } from '../use-cases/remind-convention/remind-convention.use-case';

/** A confirmed training booking gets its convention; an unsigned one its reminders. */
@Injectable()
export class ConventionHandlers {
  constructor(
    private readonly issue: IssueConventionUseCase,
    private readonly remind: RemindConventionUseCase,
  ) {}

  /** Every confirmed booking comes here: consultations and replays are skipped by the use case. */
  @OnEvent(BookingEvents.Confirmed, QueueName.Training)
  bookingConfirmed(event: EventJob<typeof BookingEvents.Confirmed>, job: HandledJob) {
    return runWithAuditContext(jobAuditContext(job), async () => {
      if (!event.payload.sessionId) return { outcome: 'not_a_training' };
      return { outcome: await this.issue.execute(event.aggregateId) };
    });
  }

  @OnEvent(TrainingEvents.ConventionReminderDue, QueueName.Training)
  reminderDue(event: EventJob<typeof TrainingEvents.ConventionReminderDue>, job: HandledJob) {
    return runWithAuditContext(jobAuditContext(job), async () => ({
      outcome: await this.remind.execute(event.payload.bookingId, event.eventId),
    }));
  }
}
