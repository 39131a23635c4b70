import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import {
  BookUseCase,
  CancelBookingUseCase,
  ConfirmBookingUseCase,
  RescheduleSessionWithBookingsUseCase,
} from '@mutualis/booking';
import { CatalogueErrorCode, CatalogueEvents } from '@mutualis/catalogue';
import { DocumentStore } from '@mutualis/documents';
import {
  configureChambre,
  createTestContext,
  insertBooker,
  insertConsultant,
  insertPublishedSession,
  pdfLines,
  SessionFixture,
} from '@mutualis/testing';
import { TrainingModule } from '../../training.module';
import { TrainingEvents } from '../../training.events';
import { TrainingDocumentsService } from '../../services/training-documents.service';
import { ReviseConvocationsUseCase } from '../revise-convocations/revise-convocations.use-case';
import { ScheduleConvocationsUseCase } from '../schedule-convocations/schedule-convocations.use-case';
import { IssueConvocationsUseCase } from './issue-convocations.use-case';
import {
  IsolatedEnvironment,
  isolatedEnvironment,
} from '../../../../../test/support/isolated-environment';

const DAY_MS = 86_400_000;

describe('Convocations: due before the session, sent to each trainee, sent again when it moves', () => {
  let context: INestApplicationContext;
  // A database of its own: the training settings are one row, which the run's other files
  // (the hostile fuzz's PUT /admin/training/settings) may change meanwhile.
  let environment: IsolatedEnvironment;
  let db: DataSource;
  let storage: string;

  beforeAll(async () => {
    storage = mkdtempSync(join(tmpdir(), 'mutualis-convocations-'));
    environment = await isolatedEnvironment('training_convocations');
    context = await createTestContext([TrainingModule], {
      ...environment.env,
      DOCUMENT_STORAGE_DIR: storage,
    });
    db = context.get(DataSource);
    await configureChambre(db);
  });

  afterAll(async () => {
    await context.close();
    await environment?.drop();
    rmSync(storage, { recursive: true, force: true });
  });

  /** A two-day session, 9:00–17:00 Paris time, starting `inDays` days from today. */
  async function twoDaySession(inDays: number): Promise<SessionFixture> {
    const fixture = await insertPublishedSession(db, { capacity: 10 });
    const day = DateTime.now().setZone('Europe/Paris').plus({ days: inDays }).startOf('day');
    await db.query(
      `UPDATE sessions SET starts_at = $2, ends_at = $3, registration_deadline = $4 WHERE id = $1`,
      [
        fixture.sessionId,
        day.set({ hour: 9 }).toJSDate(),
        day.plus({ days: 1 }).set({ hour: 17 }).toJSDate(),
        day.minus({ days: 1 }).toJSDate(),
      ],
    );
    return fixture;
  }

  async function confirmedBooking(sessionId: string, names: string[]) {
    const booker = await insertBooker(db);
    const { body } = await context.get(BookUseCase).execute({
      actor: booker.actor,
      organisationId: booker.organisationId,
      sessionId,
      attendees: names.map((name) => ({ name, email: `${randomUUID()}@test.mutualis.fr` })),
    });
    await context
      .get(ConfirmBookingUseCase)
      .execute({ bookingId: body.id, method: 'cheque', confirmedBy: null });
    return { bookingId: body.id, booker };
  }

  const outbox = (type: string, aggregateId: string) =>
    db.query<{ payload: Record<string, unknown>; deliver_at: Date | null }[]>(
      `SELECT payload, deliver_at FROM outbox_events WHERE type = $1 AND aggregate_id = $2 ORDER BY id`,
      [type, aggregateId],
    );

  const convocationsOf = (bookingId: string) =>
    context.get(TrainingDocumentsService).list({ bookingId, kind: 'convocation' });

  const textOf = async (documentId: string) =>
    pdfLines((await context.get(DocumentStore).read(documentId))!.content)
      .join('\n')
      .replace(/\s+/g, ' ');

  it('is due convocationDaysBefore (7) days before the start, at once when that is past', async () => {
    const far = await twoDaySession(20);
    const { bookingId } = await confirmedBooking(far.sessionId, ['Inès Durand']);
    expect(await context.get(ScheduleConvocationsUseCase).execute(bookingId)).toBe('scheduled');
    const [due] = await outbox(TrainingEvents.ConvocationDue, bookingId);
    expect(due.payload).toEqual({ bookingId, sessionId: far.sessionId });
    const [{ starts_at: startsAt }] = await db.query<{ starts_at: Date }[]>(
      `SELECT starts_at FROM sessions WHERE id = $1`,
      [far.sessionId],
    );
    expect(due.deliver_at!.getTime()).toBe(startsAt.getTime() - 7 * DAY_MS);
    // Arriving early (the session moved later since): nothing is made yet.
    expect(
      await context.get(IssueConvocationsUseCase).execute({ bookingId, sessionId: far.sessionId }),
    ).toEqual({ outcome: 'not_yet_due' });

    const near = await twoDaySession(3);
    const soon = await confirmedBooking(near.sessionId, ['Paul Martin']);
    const before = Date.now();
    await context.get(ScheduleConvocationsUseCase).execute(soon.bookingId);
    const [nearDue] = await outbox(TrainingEvents.ConvocationDue, soon.bookingId);
    expect(nearDue.deliver_at!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(nearDue.deliver_at!.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('makes one convocation per trainee, announces each for mail, and a replay makes none', async () => {
    const { sessionId } = await twoDaySession(3);
    const { bookingId, booker } = await confirmedBooking(sessionId, ['Inès Durand', 'Paul Martin']);
    const issue = context.get(IssueConvocationsUseCase);
    expect(await issue.execute({ bookingId, sessionId })).toEqual({ outcome: 'issued', issued: 2 });
    expect(await issue.execute({ bookingId, sessionId })).toEqual({ outcome: 'issued', issued: 0 });

    const convocations = await convocationsOf(bookingId);
    expect(convocations).toHaveLength(2);
    for (const { link, document } of convocations) {
      expect(link).toMatchObject({ sessionId, bookingId, organisationId: booker.organisationId });
      expect(document.version).toBe(1);
    }
    const issued = await outbox(TrainingEvents.ConvocationIssued, bookingId);
    expect(issued.map((event) => event.payload)).toHaveLength(2);
    expect(issued.map((event) => event.payload)).toEqual(
      expect.arrayContaining(
        convocations.map(({ link, document }) => ({
          bookingId,
          sessionId,
          attendeeId: link.attendeeId,
          documentId: document.id,
          revised: false,
        })),
      ),
    );
    const text = await textOf(convocations[0].document.id);
    expect(text).toContain('Convocation à une formation');
    expect(text).toMatch(/Inès Durand|Paul Martin/);
    expect(text).toContain(': 9 h 00 – 12 h 30 et 13 h 30 – 17 h 00');
    expect(text).toContain('Durée totale : 14 h');
    expect(text).toContain('Adresse : Cité des associations, Marseille');
    expect(text).toContain('Référent handicap : Claire Martin');
  });

  it('sends nothing for a booking cancelled before it was due, nor for a session cancelled', async () => {
    const { sessionId } = await twoDaySession(3);
    const { bookingId, booker } = await confirmedBooking(sessionId, ['Inès Durand']);
    await context.get(CancelBookingUseCase).execute({ actor: booker.actor, bookingId });
    expect(await context.get(IssueConvocationsUseCase).execute({ bookingId, sessionId })).toEqual({
      outcome: 'booking_not_confirmed',
    });
    expect(await convocationsOf(bookingId)).toHaveLength(0);

    const other = await twoDaySession(3);
    const kept = await confirmedBooking(other.sessionId, ['Paul Martin']);
    await db.query(`UPDATE sessions SET status = 'cancelled' WHERE id = $1`, [other.sessionId]);
    expect(
      await context
        .get(IssueConvocationsUseCase)
        .execute({ bookingId: kept.bookingId, sessionId: other.sessionId }),
    ).toEqual({ outcome: 'session_not_scheduled' });
  });

  it('moves a session with its bookings, and sends its convoked trainees a revised convocation once', async () => {
    const { sessionId, consultantId } = await twoDaySession(3);
    const { bookingId } = await confirmedBooking(sessionId, ['Inès Durand', 'Paul Martin']);
    await context.get(IssueConvocationsUseCase).execute({ bookingId, sessionId });
    const late = await confirmedBooking(sessionId, ['Zoé Petit']);

    const [{ starts_at: startsAt, ends_at: endsAt }] = await db.query<
      { starts_at: Date; ends_at: Date }[]
    >(`SELECT starts_at, ends_at FROM sessions WHERE id = $1`, [sessionId]);
    const owner = { userId: consultantId, roles: ['consultant' as const] };
    const moved = await context.get(RescheduleSessionWithBookingsUseCase).execute({
      actor: owner,
      sessionId,
      startsAt: new Date(startsAt.getTime() + DAY_MS),
      endsAt: new Date(endsAt.getTime() + DAY_MS),
      location: 'Maison des associations, 12 rue Colbert, 13001 Marseille',
    });
    expect(moved.startsAt).toBe(new Date(startsAt.getTime() + DAY_MS).toISOString());
    const [rescheduled] = await outbox(CatalogueEvents.SessionRescheduled, sessionId);
    expect(rescheduled.payload).toMatchObject({
      datesChanged: true,
      placeChanged: true,
      previousStartsAt: startsAt.toISOString(),
      previousLocation: 'Cité des associations, Marseille',
    });
    const [booking] = await db.query<{ service_starts_at: Date }[]>(
      `SELECT service_starts_at FROM bookings WHERE id = $1`,
      [bookingId],
    );
    expect(booking.service_starts_at.getTime()).toBe(startsAt.getTime() + DAY_MS);

    const revise = context.get(ReviseConvocationsUseCase);
    expect(await revise.execute(sessionId)).toEqual({
      outcome: 'revised',
      revised: 2,
      rescheduled: 1,
    });
    // The same event again (a retry): nothing new.
    expect(await revise.execute(sessionId)).toEqual({
      outcome: 'revised',
      revised: 0,
      rescheduled: 1,
    });
    const convocations = await convocationsOf(bookingId);
    expect(convocations.map(({ document }) => document.version).sort()).toEqual([1, 1, 2, 2]);
    const latest = convocations.filter(({ document }) => document.version === 2);
    const text = await textOf(latest[0].document.id);
    expect(text).toContain('Convocation modifiée');
    expect(text).toContain('annule et remplace la précédente');
    expect(text).toContain('Adresse : Maison des associations, 12 rue Colbert, 13001 Marseille');
    const revisedEvents = (await outbox(TrainingEvents.ConvocationIssued, bookingId)).filter(
      (event) => event.payload.revised === true,
    );
    expect(revisedEvents).toHaveLength(2);
    // Not convoked yet: due again for the new date.
    expect(await outbox(TrainingEvents.ConvocationDue, late.bookingId)).toHaveLength(2);
  });

  it('refuses to move a session for anyone but its consultant and admins, once begun, or with bad dates (nothing changes)', async () => {
    const { sessionId } = await twoDaySession(3);
    const reschedule = context.get(RescheduleSessionWithBookingsUseCase);
    const stranger = { userId: await insertConsultant(db), roles: ['consultant' as const] };
    await expect(
      reschedule.execute({ actor: stranger, sessionId, location: 'Ailleurs' }),
    ).rejects.toMatchObject({ code: CatalogueErrorCode.NotOfferingOwner });
    await expect(
      reschedule.execute({ actor: stranger, sessionId: randomUUID(), location: 'Ailleurs' }),
    ).rejects.toMatchObject({ code: CatalogueErrorCode.SessionNotFound });

    const admin = { userId: await insertConsultant(db), roles: ['admin' as const] };
    await expect(
      reschedule.execute({ actor: admin, sessionId, endsAt: new Date(Date.now() + DAY_MS) }),
    ).rejects.toMatchObject({
      code: CatalogueErrorCode.InvalidSession,
      fields: [{ field: 'endsAt', message: 'must be after startsAt' }],
    });
    await expect(
      reschedule.execute({ actor: admin, sessionId, location: null }),
    ).rejects.toMatchObject({ fields: [{ field: 'location', message: expect.any(String) }] });

    await db.query(
      `UPDATE sessions SET starts_at = now() - interval '1 hour',
              registration_deadline = now() - interval '2 hours' WHERE id = $1`,
      [sessionId],
    );
    await expect(
      reschedule.execute({ actor: admin, sessionId, location: 'Ailleurs' }),
    ).rejects.toMatchObject({ code: CatalogueErrorCode.SessionNotReschedulable });
    expect(await outbox(CatalogueEvents.SessionRescheduled, sessionId)).toHaveLength(0);
  });
});
