import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@mutualis/core';
import { SessionCompletionRepository } from '../../repositories/session-completion.repository';
import { CompleteSessionUseCase } from '../complete-session/complete-session.use-case';

/** Left to the SessionEnded event first; the sweep steps in after this. */
const GRACE_MS = 15 * 60_000;
const BATCH = 50;

/**
 * Completes the sessions ended a while ago whose documents were not made: moved earlier than
 * their SessionEnded, or delayed by an outage. Each one as the event would (locked and checked,
 * so a sweep and an event at once make nothing twice); one failing does not stop the others.
 */
@Injectable()
export class CompleteEndedSessionsUseCase {
  private readonly logger = new Logger(CompleteEndedSessionsUseCase.name);

  constructor(
    private readonly completions: SessionCompletionRepository,
    private readonly complete: CompleteSessionUseCase,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<{ completed: number; failed: number }> {
    const endedBefore = new Date(this.clock.now().getTime() - GRACE_MS);
    const outcome = { completed: 0, failed: 0 };
    for (const sessionId of await this.completions.endedPending(endedBefore, BATCH)) {
      try {
        const result = await this.complete.execute(sessionId);
        if (result.outcome === 'completed') outcome.completed++;
      } catch (error) {
        outcome.failed++;
        this.logger.error({ sessionId, error: (error as Error).message }, 'completion failed');
      }
    }
    return outcome;
  }
}
