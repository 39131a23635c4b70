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
import { TrainingEvents, TrainingJobs } from '../training.events';
import { CompleteEndedSessionsUseCase } from '../use-cases/complete-ended-sessions/complete-ended-sessions.use-case';
import { CompleteSessionUseCase } from '../use-cases/complete-session/complete-session.use-case';

/**
 * The end of a training session in the worker: its SessionEnded due event (written when a
 * booking on it is confirmed, once per end: training-booking.handlers.ts) makes the completion
 * documents on arrival, and a sweep catches sessions whose event was lost or came late.
 * Idempotent (training_session_completions).
 */
@Injectable()
export class CompletionHandlers {
  constructor(
    private readonly complete: CompleteSessionUseCase,
    private readonly completeEnded: CompleteEndedSessionsUseCase,
  ) {}

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
