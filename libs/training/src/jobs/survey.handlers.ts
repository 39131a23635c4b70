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
import { ScheduleSurveysUseCase } from '../use-cases/schedule-surveys/schedule-surveys.use-case';

/**
 * A confirmed training booking puts its session's surveys on their way (SurveyDue, hot and
 * cold). NOTE for the merge: (booking.confirmed, training) must have exactly one handler; the
 * other training work on a confirmation belongs in the same method.
 */
@Injectable()
export class SurveyHandlers {
  constructor(private readonly schedule: ScheduleSurveysUseCase) {}

  @OnEvent(BookingEvents.Confirmed, QueueName.Training)
  bookingConfirmed(event: EventJob<typeof BookingEvents.Confirmed>, job: HandledJob) {
    return runWithAuditContext(jobAuditContext(job), async () => {
      if (!event.payload.sessionId) return { outcome: 'not_a_session' };
      return { outcome: await this.schedule.forBooking(event.aggregateId) };
    });
  }
}
