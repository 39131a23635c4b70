import { Injectable } from '@nestjs/common';
import { TrainingSessionRepository } from '../../repositories/training-session.repository';

/** Marks ended sessions completed (a scheduled job); safe to run any number of times. */
@Injectable()
export class CompletePastSessionsUseCase {
  constructor(private readonly sessions: TrainingSessionRepository) {}

  execute(): Promise<number> {
    return this.sessions.completeEnded();
  }
}
