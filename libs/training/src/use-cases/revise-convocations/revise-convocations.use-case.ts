import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BookingFactsService, SessionTraineeFacts } from '@mutualis/booking';
import { CatalogueFactsService } from '@mutualis/catalogue';
import { Clock, OutboxService } from '@mutualis/core';
import { ConvocationDocumentsService } from '../../services/convocation-documents.service';
import { TrainingSettingsService } from '../../services/training-settings.service';
import { TrainingEvents } from '../../training.events';
import { convocationDueAt } from '../schedule-convocations/schedule-convocations.use-case';

export type ReviseConvocationsOutcome =
  | { outcome: 'revised'; revised: number; rescheduled: number }
  | { outcome: 'session_not_scheduled' | 'session_ended' };

/**
 * A session moved or changed place (session.rescheduled): every trainee already convoked gets a
 * revised convocation (a new version, « annule et remplace », e-mailed again); the bookings whose
 * trainees were not convoked yet get a ConvocationDue for the new date (the earlier one, on
 * arrival, finds itself early or done). A replay the same day records nothing new.
 */
@Injectable()
export class ReviseConvocationsUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bookings: BookingFactsService,
    private readonly catalogue: CatalogueFactsService,
    private readonly settings: TrainingSettingsService,
    private readonly convocations: ConvocationDocumentsService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async execute(sessionId: string): Promise<ReviseConvocationsOutcome> {
    const session = await this.catalogue.session(sessionId);
    if (!session || session.status !== 'scheduled') return { outcome: 'session_not_scheduled' };
    const now = this.clock.now();
    if (session.endsAt <= now) return { outcome: 'session_ended' };

    const convoked: SessionTraineeFacts[] = [];
    const waiting = new Set<string>();
    for (const trainee of await this.bookings.traineesOfSession(sessionId)) {
      if (trainee.bookingStatus !== 'confirmed') continue;
      if (await this.convocations.hasOne(trainee.attendeeId)) convoked.push(trainee);
      else waiting.add(trainee.bookingId);
    }
    let revised = 0;
    for (const draft of await this.convocations.render(session, convoked, true)) {
      if ((await this.convocations.record(session, draft, true)) === 'issued') revised++;
    }
    if (waiting.size > 0) {
      const { convocationDaysBefore } = await this.settings.get();
      const deliverAt = convocationDueAt(session.startsAt, convocationDaysBefore, now);
      await this.dataSource.transaction((manager) =>
        this.outbox.record(
          manager,
          ...[...waiting].map((bookingId) => ({
            type: TrainingEvents.ConvocationDue,
            aggregateType: 'booking',
            aggregateId: bookingId,
            payload: { bookingId, sessionId },
            deliverAt,
          })),
        ),
      );
    }
    return { outcome: 'revised', revised, rescheduled: waiting.size };
  }
}
