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
import { CatalogueEvents, CatalogueFactsService } from '@mutualis/catalogue';
import { TrainingEvents } from '../training.events';
import { AttendanceOpeningsService } from '../services/attendance-openings.service';
import { IssueConventionUseCase } from '../use-cases/issue-convention/issue-convention.use-case';
import { ReviseConvocationsUseCase } from '../use-cases/revise-convocations/revise-convocations.use-case';
import { ScheduleConvocationsUseCase } from '../use-cases/schedule-convocations/schedule-convocations.use-case';
import { RemindConventionUseCase } from '../use-cases/remind-convention/remind-convention.use-case';
import { ScheduleSessionEndUseCase } from '../use-cases/schedule-session-end/schedule-session-end.use-case';
import { ScheduleSurveysUseCase } from '../use-cases/schedule-surveys/schedule-surveys.use-case';

/**
 * The training queue's handlers of booking facts. The worker allows exactly one handler per
 * (event, queue): `bookingConfirmed` is THE handler of `booking.confirmed` on the training queue,
 * so every step a confirmed training booking starts belongs in it: its convention, its
 * convocations, its session's half-day signing links, the session's end (completion documents)
 * and its surveys. Each step is idempotent on its own: a failing step retries the job, and the
 * steps already done skip.
 */
@Injectable()
export class TrainingBookingHandlers {
  constructor(
    private readonly issue: IssueConventionUseCase,
    private readonly remind: RemindConventionUseCase,
    private readonly convocations: ScheduleConvocationsUseCase,
    private readonly revisedConvocations: ReviseConvocationsUseCase,
    private readonly catalogue: CatalogueFactsService,
    private readonly halfDayOpenings: AttendanceOpeningsService,
    private readonly sessionEnd: ScheduleSessionEndUseCase,
    private readonly surveys: ScheduleSurveysUseCase,
  ) {}

  /** Every confirmed booking comes here: consultations and replays are skipped by each step. */
  @OnEvent(BookingEvents.Confirmed, QueueName.Training)
  bookingConfirmed(event: EventJob<typeof BookingEvents.Confirmed>, job: HandledJob) {
    return runWithAuditContext(jobAuditContext(job), async () => {
      const { sessionId } = event.payload;
      if (!sessionId) return { outcome: 'not_a_training' };
      const bookingId = event.aggregateId;
      return {
        convention: await this.issue.execute(bookingId),
        convocations: await this.convocations.execute(bookingId),
        halfDayOpenings: await this.halfDayOpenings.scheduleForBooking(bookingId),
        sessionEnd: await this.sessionEnd.execute(sessionId),
        surveys: await this.surveys.forBooking(bookingId),
      };
    });
  }

  /**
   * A session moved or changed place: convocations already sent are made again (revised); its
   * half-days are cut again while nothing is signed; its end and surveys are due at the new time.
   */
  @OnEvent(CatalogueEvents.SessionRescheduled, QueueName.Training)
  sessionRescheduled(event: EventJob<typeof CatalogueEvents.SessionRescheduled>, job: HandledJob) {
    return runWithAuditContext(jobAuditContext(job), async () => {
      const sessionId = event.aggregateId;
      const convocations = await this.revisedConvocations.execute(sessionId);
      if (!event.payload.datesChanged) return { convocations };
      const session = await this.catalogue.session(sessionId);
      return {
        convocations,
        halfDays: await this.halfDayOpenings.remakeForMovedSession(sessionId),
        sessionEnd: await this.sessionEnd.execute(sessionId),
        surveys: session ? await this.surveys.forSession(session) : 'session_not_found',
      };
    });
  }

  /** An unsigned convention's reminder fell due: the next one is planned while it applies. */
  @OnEvent(TrainingEvents.ConventionReminderDue, QueueName.Training)
  reminderDue(event: EventJob<typeof TrainingEvents.ConventionReminderDue>, job: HandledJob) {
    return runWithAuditContext(jobAuditContext(job), async () => ({
      outcome: await this.remind.execute(event.payload.bookingId, event.eventId),
    }));
  }
}
