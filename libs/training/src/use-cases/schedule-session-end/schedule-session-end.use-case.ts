import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OutboxService } from '@mutualis/core';
import { CatalogueFactsService } from '@mutualis/catalogue';
import { SessionCompletionRepository } from '../../repositories/session-completion.repository';
import { TrainingSettingsService } from '../../services/training-settings.service';
import { TrainingEvents } from '../../training.events';

export type ScheduleSessionEndOutcome = 'scheduled' | 'already_scheduled' | 'no_session';

/**
 * When a session's documents are made: at its end plus the signing margin, the last moment its
 * trainees may still sign the last half-day (earlier, a late signature would miss the certificate).
 */
export function completionDueAt(endsAt: Date, signingMarginMinutes: number): Date {
  return new Date(endsAt.getTime() + signingMarginMinutes * 60_000);
}

/**
 * Writes the session's SessionEnded due event for its end, once per end: on the first training
 * booking confirmed, and again if the session was moved since (a later confirmation, or the
 * event arriving early). Its row in training_session_completions decides, under the insert's lock.
 */
@Injectable()
export class ScheduleSessionEndUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalogue: CatalogueFactsService,
    private readonly completions: SessionCompletionRepository,
    private readonly outbox: OutboxService,
    private readonly settings: TrainingSettingsService,
  ) {}

  async execute(sessionId: string): Promise<ScheduleSessionEndOutcome> {
    const session = await this.catalogue.session(sessionId);
    if (!session || session.status === 'cancelled') return 'no_session';
    const { signingMarginMinutes } = await this.settings.get();
    const dueAt = completionDueAt(session.endsAt, signingMarginMinutes);
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.completions.schedule(sessionId, dueAt, manager))) {
        return 'already_scheduled';
      }
      await this.outbox.record(manager, {
        type: TrainingEvents.SessionEnded,
        aggregateType: 'session',
        aggregateId: sessionId,
        payload: { sessionId },
        deliverAt: dueAt,
      });
      return 'scheduled';
    });
  }
}
