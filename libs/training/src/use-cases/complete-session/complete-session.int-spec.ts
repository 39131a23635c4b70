import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BookUseCase, ConfirmBookingUseCase } from '@mutualis/booking';
import { Clock, DomainException } from '@mutualis/core';
import { DocumentStore } from '@mutualis/documents';
import {
  configureChambre,
  createTestContext,
  insertBooker,
  insertConsultant,
  insertPublishedSession,
  pdfLines,
  TestBooker,
} from '@mutualis/testing';
import { CompletionFactsRepository } from '../../repositories/completion-facts.repository';
import { SessionAttendanceService } from '../../services/session-attendance.service';
import { TrainingDocumentsService } from '../../services/training-documents.service';
import { TrainingErrorCode } from '../../training.exception';
import { TrainingEvents } from '../../training.events';
import { TrainingModule } from '../../training.module';
import { CompleteEndedSessionsUseCase } from '../complete-ended-sessions/complete-ended-sessions.use-case';
import { GetAttendanceSheetUseCase } from '../get-attendance-sheet/get-attendance-sheet.use-case';
import { ScheduleSessionEndUseCase } from '../schedule-session-end/schedule-session-end.use-case';
import { CompleteSessionUseCase } from './complete-session.use-case';
import {
  IsolatedEnvironment,
  isolatedEnvironment,
} from '../../../../../test/support/isolated-environment';

describe('the end of a training session', () => {
  let context: INestApplicationContext;
  // A database of its own: the training settings are one row, which the run's other files
  // (the hostile fuzz's PUT /admin/training/settings) may change meanwhile.
  let environment: IsolatedEnvironment;
  let db: DataSource;
  let storage: string;

  beforeAll(async () => {
    storage = mkdtempSync(join(tmpdir(), 'mutualis-completion-'));
    environment = await isolatedEnvironment('training_completion');
    context = await createTestContext([TrainingModule], {
      ...environment.env,
      DOCUMENT_STORAGE_DIR: storage,
    });
    db = context.get(DataSource);
    await configureChambre(db);
  });

  afterEach(() => jest.restoreAllMocks());

  afterAll(async () => {
    await context.close();
    await environment?.drop();
    rmSync(storage, { recursive: true, force: true });
  });

  /** A session booked and confirmed for two trainees of one organisation. */
  async function bookedSession(): Promise<{
    sessionId: string;
    offeringId: string;
    consultantId: string;
    bookingId: string;
    booker: TestBooker;
  }> {
    const { sessionId, offeringId, consultantId } = await insertPublishedSession(db);
    const booker = await insertBooker(db);
    const { body } = await context.get(BookUseCase).execute({
      actor: booker.actor,
      organisationId: booker.organisationId,
      sessionId,
      attendees: [
        { name: 'Léa Martin', email: `lea-${randomUUID()}@test.mutualis.fr` },
        { name: 'Karim Benali', email: `karim-${randomUUID()}@test.mutualis.fr` },
      ],
    });
    await context
      .get(ConfirmBookingUseCase)
      .execute({ bookingId: body.id, method: 'cheque', confirmedBy: null });
    return { sessionId, offeringId, consultantId, bookingId: body.id, booker };
  }

  /** Moves the session to two days, 16–17 November 2026, 9:00–17:00 Paris: 14 h. */
  async function heldOnTwoDays(sessionId: string): Promise<void> {
    await db.query(
      `UPDATE sessions SET registration_deadline = '2026-11-15T08:00:00Z',
              starts_at = '2026-11-16T08:00:00Z', ends_at = '2026-11-17T16:00:00Z' WHERE id = $1`,
      [sessionId],
    );
  }

  function afterTheSession(): void {
    // The end (17:00 Paris) and the 30 minutes' signing margin past.
    jest.spyOn(context.get(Clock), 'now').mockReturnValue(new Date('2026-11-17T16:35:00Z'));
  }

  /** Léa signs every half-day; Karim is absent on the second morning and signs the others. */
  async function signed(sessionId: string): Promise<void> {
    const attendance = await context.get(SessionAttendanceService).of(sessionId);
    expect(attendance.halfDays).toHaveLength(4);
    for (const trainee of attendance.trainees) {
      for (const [index, half] of attendance.halfDays.entries()) {
        const absent = trainee.name === 'Karim Benali' && index === 2;
        await db.query(
          `INSERT INTO training_attendance (half_day_id, attendee_id, booking_id, status, signed_at,
             signature_kind, typed_name, absence_reason)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [
            half.id,
            trainee.attendeeId,
            trainee.bookingId,
            absent ? 'absent' : 'present',
            absent ? null : new Date(half.startsAt.getTime() + 5 * 60_000),
            absent ? null : 'typed',
            absent ? null : trainee.name,
            absent ? 'Rendez-vous médical' : null,
          ],
        );
      }
    }
  }

  const outboxOf = (type: string, aggregateId: string) =>
    db.query<{ payload: Record<string, string>; deliver_at: Date | null }[]>(
      `SELECT payload, deliver_at FROM outbox_events WHERE type = $1 AND aggregate_id = $2`,
      [type, aggregateId],
    );

  async function linesOf(documentId: string): Promise<string[]> {
    const read = await context.get(DocumentStore).read(documentId);
    return pdfLines(read!.content);
  }

  async function textOf(documentId: string): Promise<string> {
    return (await linesOf(documentId)).join('\n').replace(/\s+/g, ' ');
  }

  it('makes the attendance sheet, and per trainee the attestation and the certificate with the hours attended', async () => {
    const { sessionId, offeringId, bookingId, booker } = await bookedSession();
    await heldOnTwoDays(sessionId);
    await signed(sessionId);
    afterTheSession();

    const outcome = await context.get(CompleteSessionUseCase).execute(sessionId);
    expect(outcome).toMatchObject({ outcome: 'completed', trainees: 2 });

    const documents = await context.get(TrainingDocumentsService).list({ sessionId });
    const byKind = (kind: string) => documents.filter((record) => record.link.kind === kind);
    expect(byKind('attendance_sheet')).toHaveLength(1);
    expect(byKind('attestation')).toHaveLength(2);
    expect(byKind('certificate')).toHaveLength(2);
    for (const record of [...byKind('attestation'), ...byKind('certificate')]) {
      expect(record.link).toMatchObject({ bookingId, organisationId: booker.organisationId });
    }

    const attendance = await context.get(SessionAttendanceService).of(sessionId);
    const karim = attendance.trainees.find((trainee) => trainee.name === 'Karim Benali')!;
    const lea = attendance.trainees.find((trainee) => trainee.name === 'Léa Martin')!;
    const certificateOf = (attendeeId: string) =>
      byKind('certificate').find((record) => record.link.attendeeId === attendeeId)!.document.id;
    const attestationOf = (attendeeId: string) =>
      byKind('attestation').find((record) => record.link.attendeeId === attendeeId)!.document.id;

    const karimCertificate = await textOf(certificateOf(karim.attendeeId));
    expect(karimCertificate).toContain('Certificat de réalisation');
    expect(karimCertificate).toContain('Karim Benali');
    expect(karimCertificate).toContain('Formation de test');
    expect(karimCertificate).toContain('déclaré sous le numéro d’activité 93131234513');
    expect(karimCertificate).toContain('☒ action de formation');
    expect(karimCertificate).toContain('du 16 novembre 2026 au 17 novembre 2026');
    expect(karimCertificate).toContain('réalisée à hauteur de 10,5 h sur 14 h.');
    expect(karimCertificate).toContain('Fait à Marseille, le 17 novembre 2026');
    expect(await textOf(certificateOf(lea.attendeeId))).toContain(
      'réalisée à hauteur de 14 h sur 14 h.',
    );

    const karimAttestation = await textOf(attestationOf(karim.attendeeId));
    expect(karimAttestation).toContain('Attestation de fin de formation');
    expect(karimAttestation).toContain('Action de formation (article L6313-1 du Code du travail)');
    expect(karimAttestation).toContain('Durée suivie : 10,5 h sur 14 h');
    // Each objective the offering states (its summary when it states none): « en cours
    // d'acquisition » for the trainee who missed a half-day, « acquis » for the one who did not.
    const { objectives } = await context.get(CompletionFactsRepository).pedagogyOf(offeringId);
    expect(objectives.length).toBeGreaterThan(0);
    const leaAttestation = await textOf(attestationOf(lea.attendeeId));
    for (const objective of objectives) {
      expect(karimAttestation).toContain(`• ${objective.slice(0, 20)}`);
      expect(leaAttestation).toContain(`• ${objective.slice(0, 20)}`);
    }
    const resultsOf = async (attendeeId: string) =>
      (await linesOf(attestationOf(attendeeId)))
        .filter((line) => line.startsWith('• '))
        .map((line) =>
          line.endsWith(' en cours d’acquisition')
            ? 'en cours'
            : line.endsWith(' acquis')
              ? 'acquis'
              : line,
        );
    expect(await resultsOf(karim.attendeeId)).toEqual(objectives.map(() => 'en cours'));
    expect(await resultsOf(lea.attendeeId)).toEqual(objectives.map(() => 'acquis'));

    const sheet = await textOf(byKind('attendance_sheet')[0].document.id);
    expect(sheet).toContain('Feuille d’émargement');
    expect(sheet).toContain('Motif : Rendez-vous médical');
    expect(sheet).toContain('Signé à 09:05');
    expect(sheet).toContain('10,5 h');

    // One mail per trainee, with both documents.
    const issued = await outboxOf(TrainingEvents.CompletionDocumentsIssued, karim.attendeeId);
    expect(issued).toHaveLength(1);
    expect(issued[0].payload).toEqual({
      sessionId,
      bookingId,
      attendeeId: karim.attendeeId,
      attestationId: attestationOf(karim.attendeeId),
      certificateId: certificateOf(karim.attendeeId),
    });

    // A duplicate (or earlier) SessionEnded makes nothing twice.
    expect(await context.get(CompleteSessionUseCase).execute(sessionId)).toEqual({
      outcome: 'already_completed',
    });
    expect(await context.get(TrainingDocumentsService).list({ sessionId })).toHaveLength(5);
    expect(await outboxOf(TrainingEvents.CompletionDocumentsIssued, karim.attendeeId)).toHaveLength(
      1,
    );
  });

  it('schedules SessionEnded once per end, again when the session moved, never for a cancelled one', async () => {
    const { sessionId } = await bookedSession();
    const schedule = context.get(ScheduleSessionEndUseCase);
    const [{ ends_at: endsAt }] = await db.query<{ ends_at: Date }[]>(
      `SELECT ends_at FROM sessions WHERE id = $1`,
      [sessionId],
    );
    expect(await schedule.execute(sessionId)).toBe('scheduled');
    expect(await schedule.execute(sessionId)).toBe('already_scheduled');
    let events = await outboxOf(TrainingEvents.SessionEnded, sessionId);
    expect(events).toHaveLength(1);
    // At the end and its signing margin (30 minutes by default), when trainees can no longer sign.
    const margin = 30 * 60_000;
    expect(events[0].deliver_at).toEqual(new Date(endsAt.getTime() + margin));
    expect(events[0].payload).toEqual({ sessionId });

    // The event arrives, but the session was moved a day later: a new one for the new end.
    await db.query(`UPDATE sessions SET ends_at = ends_at + interval '1 day' WHERE id = $1`, [
      sessionId,
    ]);
    expect(await context.get(CompleteSessionUseCase).execute(sessionId)).toEqual({
      outcome: 'not_ended',
    });
    events = await outboxOf(TrainingEvents.SessionEnded, sessionId);
    expect(events.map((event) => event.deliver_at?.getTime()).sort()).toEqual(
      [endsAt.getTime() + margin, endsAt.getTime() + 86_400_000 + margin].sort(),
    );
    expect(await schedule.execute(sessionId)).toBe('already_scheduled');

    await db.query(
      `UPDATE sessions SET status = 'cancelled', cancellation_reason = 'Test' WHERE id = $1`,
      [sessionId],
    );
    expect(await context.get(CompleteSessionUseCase).execute(sessionId)).toEqual({
      outcome: 'cancelled',
    });
    expect(await schedule.execute(sessionId)).toBe('no_session');
    expect(await context.get(TrainingDocumentsService).list({ sessionId })).toHaveLength(0);
  });

  it('completes a session moved earlier than its SessionEnded with the sweep, once', async () => {
    const { sessionId } = await bookedSession();
    expect(await context.get(ScheduleSessionEndUseCase).execute(sessionId)).toBe('scheduled');
    await heldOnTwoDays(sessionId);
    await signed(sessionId);
    const sweep = context.get(CompleteEndedSessionsUseCase);

    // Before the signing margin and the grace period are past: the sweep leaves it.
    jest.spyOn(context.get(Clock), 'now').mockReturnValue(new Date('2026-11-17T16:10:00Z'));
    await sweep.execute();
    expect(await context.get(TrainingDocumentsService).list({ sessionId })).toHaveLength(0);
    jest.spyOn(context.get(Clock), 'now').mockReturnValue(new Date('2026-11-17T16:20:00Z'));
    await sweep.execute();
    expect(await context.get(TrainingDocumentsService).list({ sessionId })).toHaveLength(0);

    jest.spyOn(context.get(Clock), 'now').mockReturnValue(new Date('2026-11-17T17:00:00Z'));
    expect((await sweep.execute()).completed).toBeGreaterThanOrEqual(1);
    expect(await context.get(TrainingDocumentsService).list({ sessionId })).toHaveLength(5);
    await sweep.execute();
    expect(await context.get(TrainingDocumentsService).list({ sessionId })).toHaveLength(5);
    // Its SessionEnded arriving later (at the old end) makes nothing more.
    jest.spyOn(context.get(Clock), 'now').mockReturnValue(new Date('2027-01-01T00:00:00Z'));
    expect(await context.get(CompleteSessionUseCase).execute(sessionId)).toEqual({
      outcome: 'already_completed',
    });
  });

  it('gives the attendance sheet any time to the consultant and admins, a new version each time, and to nobody else', async () => {
    const { sessionId, consultantId, booker } = await bookedSession();
    await heldOnTwoDays(sessionId);
    const sheets = context.get(GetAttendanceSheetUseCase);

    const first = await sheets.execute({ userId: consultantId, roles: ['consultant'] }, sessionId);
    expect(first.version).toBe(1);
    expect(first.content.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfLines(first.content).join(' ')).toContain('Non signé');
    await signed(sessionId);
    const second = await sheets.execute({ userId: randomUUID(), roles: ['admin'] }, sessionId);
    expect(second.version).toBe(2);
    expect(second.sha256).not.toBe(first.sha256);

    const otherConsultant = await insertConsultant(db);
    for (const actor of [
      { userId: otherConsultant, roles: ['consultant' as const] },
      booker.actor,
    ]) {
      await expect(sheets.execute(actor, sessionId)).rejects.toMatchObject({
        code: TrainingErrorCode.SessionNotFound,
      });
    }
    await expect(
      sheets.execute({ userId: consultantId, roles: ['consultant'] }, randomUUID()),
    ).rejects.toBeInstanceOf(DomainException);
    expect(
      (await context.get(TrainingDocumentsService).list({ sessionId, kind: 'attendance_sheet' }))
        .length,
    ).toBe(2);
  });
});
