import { Injectable } from '@nestjs/common';
import { BookingFactsService } from '@mutualis/booking';
import { CatalogueFactsService } from '@mutualis/catalogue';
import { Clock } from '@mutualis/core';
import { ConvocationDocumentsService } from '../../services/convocation-documents.service';
import { TrainingSettingsService } from '../../services/training-settings.service';
import { convocationDueAt } from '../schedule-convocations/schedule-convocations.use-case';

/** A due event early by more than this was written for an earlier date (the session moved). */
const EARLY_TOLERANCE_MS = 5 * 60_000;

export type IssueConvocationsOutcome =
  | { outcome: 'issued'; issued: number }
  | {
      outcome:
        'booking_not_confirmed' | 'session_not_scheduled' | 'session_started' | 'not_yet_due';
    };

/**
 * ConvocationDue arrived: each trainee of the booking who has none yet gets their convocation
 * (PDF recorded, then e-mailed on ConvocationIssued). Checks first that it still applies: the
 * booking still confirmed on that session, the session still scheduled and not begun, and the
 * convocation due by now (a session moved later has its own, later, due event).
 */
@Injectable()
export class IssueConvocationsUseCase {
  constructor(
    private readonly bookings: BookingFactsService,
    private readonly catalogue: CatalogueFactsService,
    private readonly settings: TrainingSettingsService,
    private readonly convocations: ConvocationDocumentsService,
    private readonly clock: Clock,
  ) {}

  async execute(command: {
    bookingId: string;
    sessionId: string;
  }): Promise<IssueConvocationsOutcome> {
    const booking = await this.bookings.forNotice(command.bookingId);
    if (!booking || booking.status !== 'confirmed' || booking.sessionId !== command.sessionId) {
      return { outcome: 'booking_not_confirmed' };
    }
    const session = await this.catalogue.session(command.sessionId);
    if (!session || session.status !== 'scheduled') return { outcome: 'session_not_scheduled' };
    const now = this.clock.now();
    if (session.startsAt <= now) return { outcome: 'session_started' };
    const { convocationDaysBefore } = await this.settings.get();
    const due = convocationDueAt(session.startsAt, convocationDaysBefore, now);
    if (due.getTime() - now.getTime() > EARLY_TOLERANCE_MS) return { outcome: 'not_yet_due' };

    const trainees = [];
    for (const trainee of await this.bookings.traineesOfSession(session.sessionId)) {
      if (trainee.bookingId !== booking.bookingId) continue;
      if (!(await this.convocations.hasOne(trainee.attendeeId))) trainees.push(trainee);
    }
    let issued = 0;
    for (const draft of await this.convocations.render(session, trainees, false)) {
      if ((await this.convocations.record(session, draft, false)) === 'issued') issued++;
    }
    return { outcome: 'issued', issued };
  }
}
