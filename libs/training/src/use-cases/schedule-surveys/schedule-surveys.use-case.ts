import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BookingFactsService } from '@mutualis/booking';
import { CatalogueFactsService, SessionFacts } from '@mutualis/catalogue';
import { OutboxService } from '@mutualis/core';
import { SURVEY_STAGES, surveyDueAt } from '../../domain/surveys';
import { SurveyRepository } from '../../repositories/survey.repository';
import { TrainingSettingsService } from '../../services/training-settings.service';
import { TrainingEvents } from '../../training.events';

export type ScheduleSurveysOutcome =
  'scheduled' | 'already_scheduled' | 'not_a_session' | 'not_confirmed' | 'session_cancelled';

/**
 * A session's surveys are due at its end (hot) and coldSurveyDaysAfter days later (cold): one
 * SurveyDue event per stage, written when the first training booking is confirmed and again
 * only if the session's end moved (the schedule row remembers the time each event was for).
 */
@Injectable()
export class ScheduleSurveysUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bookings: BookingFactsService,
    private readonly catalogue: CatalogueFactsService,
    private readonly settings: TrainingSettingsService,
    private readonly surveys: SurveyRepository,
    private readonly outbox: OutboxService,
  ) {}

  /** On a confirmed booking: its session's surveys are on their way (once per session). */
  async forBooking(bookingId: string): Promise<ScheduleSurveysOutcome> {
    const booking = await this.bookings.forNotice(bookingId);
    if (!booking?.sessionId) return 'not_a_session';
    if (booking.status !== 'confirmed') return 'not_confirmed';
    const session = await this.catalogue.session(booking.sessionId);
    if (!session) return 'not_a_session';
    return this.forSession(session);
  }

  async forSession(session: SessionFacts): Promise<ScheduleSurveysOutcome> {
    if (session.status === 'cancelled') return 'session_cancelled';
    const { coldSurveyDaysAfter } = await this.settings.get();
    const written = await this.dataSource.transaction(async (manager) => {
      let count = 0;
      for (const stage of SURVEY_STAGES) {
        const dueAt = surveyDueAt(stage, session.endsAt, coldSurveyDaysAfter);
        if (!(await this.surveys.scheduleDue(session.sessionId, stage, dueAt, manager))) continue;
        await this.outbox.record(manager, {
          type: TrainingEvents.SurveyDue,
          aggregateType: 'session',
          aggregateId: session.sessionId,
          payload: { sessionId: session.sessionId, stage },
          deliverAt: dueAt,
        });
        count += 1;
      }
      return count;
    });
    return written > 0 ? 'scheduled' : 'already_scheduled';
  }
}
