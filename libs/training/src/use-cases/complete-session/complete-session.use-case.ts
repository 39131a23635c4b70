import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, OutboxService } from '@mutualis/core';
import { SessionCompletionRepository } from '../../repositories/session-completion.repository';
import { CompletionDocumentsService } from '../../services/completion-documents.service';
import { TrainingSettingsService } from '../../services/training-settings.service';
import { TrainingEvents } from '../../training.events';
import {
  completionDueAt,
  ScheduleSessionEndUseCase,
} from '../schedule-session-end/schedule-session-end.use-case';

export type CompleteSessionOutcome =
  | { outcome: 'completed'; trainees: number; attendanceSheetId: string }
  | { outcome: 'no_session' | 'cancelled' | 'not_ended' | 'already_completed' };

/**
 * At a session's end (its SessionEnded due event): the attendance sheet, then per trainee the
 * attestation de fin de formation and the certificat de réalisation, stored in one transaction
 * with one CompletionDocumentsIssued per trainee (the mail). Checked on arrival: a cancelled
 * session makes nothing, a session moved later is scheduled again, and a session already
 * completed (a duplicate or an earlier event) makes nothing twice (its row, locked).
 */
@Injectable()
export class CompleteSessionUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly documents: CompletionDocumentsService,
    private readonly completions: SessionCompletionRepository,
    private readonly schedule: ScheduleSessionEndUseCase,
    private readonly outbox: OutboxService,
    private readonly settings: TrainingSettingsService,
    private readonly clock: Clock,
  ) {}

  async execute(sessionId: string): Promise<CompleteSessionOutcome> {
    const context = await this.documents.context(sessionId);
    if (!context) return { outcome: 'no_session' };
    const { session } = context;
    if (session.status === 'cancelled') return { outcome: 'cancelled' };
    const now = this.clock.now();
    const { signingMarginMinutes } = await this.settings.get();
    const dueAt = completionDueAt(session.endsAt, signingMarginMinutes);
    if (dueAt > now) {
      // Moved later since the event was written: a new one for the new end (once).
      await this.schedule.execute(sessionId);
      return { outcome: 'not_ended' };
    }
    return this.dataSource.transaction(async (manager) => {
      const row = await this.completions.lock(sessionId, dueAt, manager);
      if (row.completedAt) return { outcome: 'already_completed' as const };
      const sheet = await this.documents.storeAttendanceSheet(context, now, null, manager);
      for (const trainee of context.attendance.trainees) {
        const stored = await this.documents.storeTraineeDocuments(
          context,
          trainee,
          session.endsAt,
          manager,
        );
        await this.outbox.record(manager, {
          type: TrainingEvents.CompletionDocumentsIssued,
          aggregateType: 'booking_attendee',
          aggregateId: trainee.attendeeId,
          payload: {
            sessionId,
            bookingId: trainee.bookingId,
            attendeeId: trainee.attendeeId,
            attestationId: stored.attestation.document.id,
            certificateId: stored.certificate.document.id,
          },
        });
      }
      await this.completions.markCompleted(sessionId, now, manager);
      return {
        outcome: 'completed' as const,
        trainees: context.attendance.trainees.length,
        attendanceSheetId: sheet.document.id,
      };
    });
  }
}
