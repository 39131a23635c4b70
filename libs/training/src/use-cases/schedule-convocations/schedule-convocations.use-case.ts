import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BookingFactsService } from '@mutualis/booking';
import { CatalogueFactsService } from '@mutualis/catalogue';
import { Clock, OutboxService } from '@mutualis/core';
import { TrainingSettingsService } from '../../services/training-settings.service';
import { TrainingEvents } from '../../training.events';

const DAY_MS = 86_400_000;

/** When a session's convocations are due: `daysBefore` days before its start, never in the past. */
export function convocationDueAt(startsAt: Date, daysBefore: number, now: Date): Date {
  const due = new Date(startsAt.getTime() - daysBefore * DAY_MS);
  return due > now ? due : now;
}

/**
 * A training booking was confirmed: its trainees' convocations are due `convocationDaysBefore`
 * days before the session (at once when that is past), as a ConvocationDue event the worker
 * acts on then. Nothing for a consultation or a booking no longer confirmed.
 */
@Injectable()
export class ScheduleConvocationsUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bookings: BookingFactsService,
    private readonly catalogue: CatalogueFactsService,
    private readonly settings: TrainingSettingsService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async execute(bookingId: string): Promise<'scheduled' | 'not_a_training' | 'not_confirmed'> {
    const booking = await this.bookings.forNotice(bookingId);
    if (!booking?.sessionId) return 'not_a_training';
    if (booking.status !== 'confirmed') return 'not_confirmed';
    const session = await this.catalogue.session(booking.sessionId);
    if (!session || session.status !== 'scheduled') return 'not_confirmed';
    const { convocationDaysBefore } = await this.settings.get();
    await this.dataSource.transaction((manager) =>
      this.outbox.record(manager, {
        type: TrainingEvents.ConvocationDue,
        aggregateType: 'booking',
        aggregateId: bookingId,
        payload: { bookingId, sessionId: session.sessionId },
        deliverAt: convocationDueAt(session.startsAt, convocationDaysBefore, this.clock.now()),
      }),
    );
    return 'scheduled';
  }
}
