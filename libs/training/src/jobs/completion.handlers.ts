import { Injectable } from '@nestjs/common';
import {
  EventJob,
  HandledJob,
  jobAuditContext,
  OnEvent,
  OnJob,
  PARIS_TIME_ZONE,
  QueueName,
  runWithAuditContext,
} from '@mutualis/core';
import { BookingEvents } from '@mutualis/booking';
import { TrainingEvents, TrainingJobs } from '../training.events';
import { CompleteEndedSessionsUseCase } from '../use-cases/complete-ended-sessions/complete-ended-sessions.use-case';
import { CompleteSessionUseCase } from '../use-cases/complete-session/complete-session.use-case';
import { ScheduleSessionEndUseCase } from '../use-cases/schedule-session-end/schedule-session-end.use-case';

/**
 * The end of a training session in the worker: its SessionEnded due event is written when a
 * booking on it is confirmed (once per end), and on arrival makes the completion documents.
 * Both idempotent (training_session_completions).
 */
@Injectable()
export class CompletionHandlers {
  constructor(
    private readonly scheduleEnd: ScheduleSessionEndUseCase,
    private readonly complete: CompleteSessionUseCase,
    private readonly completeEnded: CompleteEndedSessionsUseCase,
  ) {}

  /**
   * Only sessions are trainings (a consultation books a slot). NB: (booking.confirmed, training)
   * takes exactly one handler: when other training work starts there too, merge into one method.
   */
  @OnEvent(BookingEvents.Confirmed, QueueName.Training)
  bookingConfirmed(event: EventJob<typeof BookingEvents.Confirmed>, job: HandledJob) {
    return runWithAuditContext(jobAuditContext(job), async () => {
      const { sessionId } = event.payload;
      if (!sessionId) return { outcome: 'not_a_training' };
      return { outcome: await this.scheduleEnd.execute(sessionId) };
    });
  }

  @OnEvent(TrainingEvents.SessionEnded, QueueName.Training)
  sessionEnded(event: EventJob<typeof TrainingEvents.SessionEnded>, job: HandledJob) {
    return runWithAuditContext(jobAuditContext(job), () =>
      this.complete.execute(event.payload.sessionId),
    );
  }

  @OnJob(TrainingJobs.CompleteEndedSessions, QueueName.Training, {
    schedule: { pattern: '*/15 * * * *', tz: PARIS_TIME_ZONE },
  })
  completeEndedSessions(_data: unknown, job: HandledJob) {
    return runWithAuditContext(jobAuditContext(job), () => this.completeEnded.execute());
  }
}
