import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { BookUseCase, ConfirmBookingUseCase } from '@mutualis/booking';
import { Clock, DomainException } from '@mutualis/core';
import {
  createTestContext,
  insertBooker,
  insertConsultant,
  insertPublishedSession,
  TestBooker,
} from '@mutualis/testing';
import { signingToken } from '../../domain/signing-link';
import { AttendanceRepository } from '../../repositories/attendance.repository';
import { AttendanceLinksService } from '../../services/attendance-links.service';
import { AttendanceOpeningsService } from '../../services/attendance-openings.service';
import { TrainingErrorCode } from '../../training.exception';
import { TrainingEvents } from '../../training.events';
import { TrainingModule } from '../../training.module';
import { CountersignHalfDayUseCase } from '../countersign-half-day/countersign-half-day.use-case';
import { GetSigningPageUseCase } from '../get-signing-page/get-signing-page.use-case';
import { ListHalfDaysUseCase, SessionHalfDays } from '../list-half-days/list-half-days.use-case';
import { RecordAbsenceUseCase } from '../record-absence/record-absence.use-case';
import { SignAttendanceUseCase } from './sign-attendance.use-case';
import {
  IsolatedEnvironment,
  isolatedEnvironment,
} from '../../../../../test/support/isolated-environment';

/** A Monday and Tuesday in January, 9:00–17:00 Paris (UTC+1): four half-days of 3 h 30. */
const STARTS = new Date('2027-01-11T08:00:00Z');
const ENDS = new Date('2027-01-12T16:00:00Z');
const at = (iso: string) => new Date(iso);

describe('émargement: signing links, absences, countersignatures', () => {
  let context: INestApplicationContext;
  // A database of its own: the training settings are one row, which the run's other files
  // (the hostile fuzz's PUT /admin/training/settings) may change meanwhile.
  let environment: IsolatedEnvironment;
  let db: DataSource;
  let now: Date;
  let session: { sessionId: string; consultantId: string; offeringId: string };
  let booker: TestBooker;
  let bookingId: string;
  let consultant: { userId: string; roles: ['consultant'] };

  beforeAll(async () => {
    environment = await isolatedEnvironment('training_attendance');
    context = await createTestContext([TrainingModule], environment.env);
    db = context.get(DataSource);
    jest.spyOn(context.get(Clock), 'now').mockImplementation(() => now);
    now = new Date();
    session = await insertPublishedSession(db, { capacity: 5 });
    consultant = { userId: session.consultantId, roles: ['consultant'] };
    booker = await insertBooker(db);
    const { body } = await context.get(BookUseCase).execute({
      actor: booker.actor,
      organisationId: booker.organisationId,
      sessionId: session.sessionId,
      attendees: [
        { name: 'Léa Dubois', email: `lea-${randomUUID()}@test.mutualis.fr` },
        { name: 'Karim Benali', email: `karim-${randomUUID()}@test.mutualis.fr` },
      ],
    });
    bookingId = body.id;
    await context
      .get(ConfirmBookingUseCase)
      .execute({ bookingId, method: 'cheque', confirmedBy: null });
    // Two whole days, before its half-days are made from its hours.
    await db.query(
      `UPDATE sessions SET starts_at = $2::timestamptz, ends_at = $3, registration_deadline = $2::timestamptz - interval '1 day'
        WHERE id = $1`,
      [session.sessionId, STARTS, ENDS],
    );
  });

  afterAll(async () => {
    await context.close();
    await environment?.drop();
  });

  async function grid(): Promise<SessionHalfDays> {
    return context.get(ListHalfDaysUseCase).execute(consultant, session.sessionId);
  }

  async function refusal(attempt: Promise<unknown>): Promise<string> {
    const error: unknown = await attempt.then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DomainException);
    return (error as DomainException).code;
  }

  function tokenOf(sheet: SessionHalfDays, trainee: number, half: number): string {
    return sheet.trainees[trainee].cells[half].link.split('/emargement/')[1];
  }

  it('schedules one HalfDayOpening per half-day when a booking is confirmed, once', async () => {
    now = at('2026-12-01T10:00:00Z');
    const openings = context.get(AttendanceOpeningsService);
    expect(await openings.scheduleForBooking(bookingId)).toBe(4);
    expect(await openings.scheduleForBooking(bookingId)).toBe(0);
    const events = await db.query<{ deliver_at: Date }[]>(
      `SELECT deliver_at FROM outbox_events
        WHERE type = $1 AND payload ->> 'sessionId' = $2 ORDER BY deliver_at`,
      [TrainingEvents.HalfDayOpening, session.sessionId],
    );
    expect(events.map((event) => event.deliver_at.toISOString())).toEqual([
      '2027-01-11T08:00:00.000Z',
      '2027-01-11T12:30:00.000Z',
      '2027-01-12T08:00:00.000Z',
      '2027-01-12T12:30:00.000Z',
    ]);
  });

  it('shows the consultant the half-days × trainees with each trainee’s own link and QR code', async () => {
    const sheet = await grid();
    expect(sheet.halfDays.map((half) => [half.day, half.period, half.minutes])).toEqual([
      ['2027-01-11', 'morning', 210],
      ['2027-01-11', 'afternoon', 210],
      ['2027-01-12', 'morning', 210],
      ['2027-01-12', 'afternoon', 210],
    ]);
    expect(sheet.scheduledMinutes).toBe(840);
    expect(sheet.trainees.map((trainee) => trainee.name)).toEqual(['Léa Dubois', 'Karim Benali']);
    const links = sheet.trainees.flatMap((trainee) => trainee.cells.map((cell) => cell.link));
    expect(new Set(links).size).toBe(8);
    expect(sheet.trainees[0].cells[0].qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    // Shown again, the same links.
    expect((await grid()).trainees[0].cells[0].link).toBe(sheet.trainees[0].cells[0].link);
  });

  it('refuses the grid to another consultant and to a member: not found', async () => {
    const other = { userId: await insertConsultant(db), roles: ['consultant' as const] };
    const list = context.get(ListHalfDaysUseCase);
    expect(await refusal(list.execute(other, session.sessionId))).toBe(
      TrainingErrorCode.SessionNotFound,
    );
    expect(await refusal(list.execute(booker.actor, session.sessionId))).toBe(
      TrainingErrorCode.SessionNotFound,
    );
    expect(await refusal(list.execute(consultant, randomUUID()))).toBe(
      TrainingErrorCode.SessionNotFound,
    );
  });

  it('refuses a link outside its half-day and its margin, with a clear state on the page', async () => {
    const token = tokenOf(await grid(), 0, 0);
    const page = context.get(GetSigningPageUseCase);
    const sign = context.get(SignAttendanceUseCase);
    now = at('2027-01-11T07:29:00Z');
    expect(await page.execute(token)).toMatchObject({
      traineeName: 'Léa Dubois',
      offeringTitle: 'Formation de test',
      state: 'not_yet',
      halfDay: { day: '2027-01-11', period: 'morning' },
      window: { opensAt: at('2027-01-11T07:30:00Z'), closesAt: at('2027-01-11T12:00:00Z') },
    });
    expect(await refusal(sign.execute(typed(token, 'Léa Dubois')))).toBe(
      TrainingErrorCode.SigningClosed,
    );
    now = at('2027-01-11T12:01:00Z');
    expect((await page.execute(token)).state).toBe('closed');
    expect(await refusal(sign.execute(typed(token, 'Léa Dubois')))).toBe(
      TrainingErrorCode.SigningClosed,
    );
  });

  it('refuses to sign while the convention the Chambre requires is unsigned by the organisation', async () => {
    const token = tokenOf(await grid(), 0, 0);
    const sign = context.get(SignAttendanceUseCase);
    now = at('2027-01-11T08:05:00Z');
    await db.query(`UPDATE training_settings SET require_signed_convention = true`);
    try {
      expect(await refusal(sign.execute(typed(token, 'Léa Dubois')))).toBe(
        TrainingErrorCode.ConventionUnsigned,
      );
    } finally {
      await db.query(`UPDATE training_settings SET require_signed_convention = false`);
    }
    expect((await context.get(GetSigningPageUseCase).execute(token)).state).toBe('open');
  });

  it('takes a typed signature once, in the window; twice is refused', async () => {
    const token = tokenOf(await grid(), 0, 0);
    const sign = context.get(SignAttendanceUseCase);
    now = at('2027-01-11T08:05:00Z');
    expect((await context.get(GetSigningPageUseCase).execute(token)).state).toBe('open');
    const signed = await sign.execute(typed(token, '  Léa   Dubois '));
    expect(signed.signedAt).toEqual(now);
    expect(await refusal(sign.execute(typed(token, 'Léa Dubois')))).toBe(
      TrainingErrorCode.AlreadySigned,
    );
    const page = await context.get(GetSigningPageUseCase).execute(token);
    expect(page).toMatchObject({ state: 'signed', signedAt: now });
    const mark = await context
      .get(AttendanceRepository)
      .markOf((await grid()).halfDays[0].id, (await grid()).trainees[0].attendeeId);
    expect(mark).toMatchObject({
      status: 'present',
      signatureKind: 'typed',
      typedName: 'Léa Dubois',
    });
  });

  it('refuses a forged link and a phone that signed for a colleague', async () => {
    const sheet = await grid();
    const sign = context.get(SignAttendanceUseCase);
    now = at('2027-01-11T08:10:00Z');
    const forged = signingToken(Buffer.alloc(32), {
      halfDayId: sheet.halfDays[0].id,
      attendeeId: sheet.trainees[1].attendeeId,
    });
    expect(await refusal(sign.execute(typed(forged, 'Karim')))).toBe(
      TrainingErrorCode.SigningLinkInvalid,
    );
    expect(await refusal(context.get(GetSigningPageUseCase).execute(forged))).toBe(
      TrainingErrorCode.SigningLinkInvalid,
    );
    // Léa's phone (its pass) with Karim's link.
    const leaPass = await context
      .get(AttendanceLinksService)
      .devicePassFor(session.sessionId, sheet.trainees[0].attendeeId);
    expect(
      await refusal(sign.execute({ ...typed(tokenOf(sheet, 1, 0), 'Karim'), devicePass: leaPass })),
    ).toBe(TrainingErrorCode.WrongTrainee);
  });

  it('takes a drawn signature as a re-encoded PNG, and refuses what is not one', async () => {
    const sheet = await grid();
    const sign = context.get(SignAttendanceUseCase);
    now = at('2027-01-11T08:20:00Z');
    const token = tokenOf(sheet, 1, 0);
    expect(
      await refusal(
        sign.execute({
          token,
          signature: { kind: 'drawn', dataUrl: 'data:image/png;base64,AAAA' },
          ipAddress: null,
          userAgent: null,
        }),
      ),
    ).toBe(TrainingErrorCode.InvalidSignature);
    const png = await sharp({
      create: { width: 300, height: 120, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    await sign.execute({
      token,
      signature: { kind: 'drawn', dataUrl: `data:image/png;base64,${png.toString('base64')}` },
      ipAddress: '203.0.113.7',
      userAgent: 'phone',
    });
    const mark = await context
      .get(AttendanceRepository)
      .markOf(sheet.halfDays[0].id, sheet.trainees[1].attendeeId);
    expect(mark?.signatureKind).toBe('drawn');
    expect(mark?.signaturePng?.subarray(1, 4).toString()).toBe('PNG');
    expect(mark?.ipAddress).toBe('203.0.113.7');
  });

  it('records minutes missed on a signed trainee, not on one who has not signed', async () => {
    const sheet = await grid();
    const record = context.get(RecordAbsenceUseCase);
    await record.minutesMissed(consultant, {
      halfDayId: sheet.halfDays[0].id,
      attendeeId: sheet.trainees[1].attendeeId,
      minutes: 30,
    });
    expect((await grid()).trainees[1].attendedMinutes).toBe(180);
    expect(
      await refusal(
        record.minutesMissed(consultant, {
          halfDayId: sheet.halfDays[1].id,
          attendeeId: sheet.trainees[1].attendeeId,
          minutes: 10,
        }),
      ),
    ).toBe(TrainingErrorCode.InvalidAttendance);
    expect(
      await refusal(
        record.minutesMissed(consultant, {
          halfDayId: sheet.halfDays[0].id,
          attendeeId: sheet.trainees[1].attendeeId,
          minutes: 210,
        }),
      ),
    ).toBe(TrainingErrorCode.InvalidAttendance);
  });

  it('records an absence with its reason; the trainee cannot sign over it, nor be made absent once signed', async () => {
    const sheet = await grid();
    const record = context.get(RecordAbsenceUseCase);
    const other = { userId: await insertConsultant(db), roles: ['consultant' as const] };
    const absence = {
      halfDayId: sheet.halfDays[1].id,
      attendeeId: sheet.trainees[1].attendeeId,
      reason: 'Rendez-vous médical',
    };
    expect(await refusal(record.absent(other, absence))).toBe(TrainingErrorCode.HalfDayNotFound);
    expect(await refusal(record.absent(consultant, { ...absence, reason: '  ' }))).toBe(
      TrainingErrorCode.InvalidAttendance,
    );
    expect(await refusal(record.absent(consultant, { ...absence, attendeeId: randomUUID() }))).toBe(
      TrainingErrorCode.InvalidAttendance,
    );
    await record.absent(consultant, absence);
    now = at('2027-01-11T12:40:00Z');
    expect(
      await refusal(
        context.get(SignAttendanceUseCase).execute(typed(tokenOf(sheet, 1, 1), 'Karim')),
      ),
    ).toBe(TrainingErrorCode.AlreadySigned);
    expect(
      await refusal(
        record.absent(consultant, {
          ...absence,
          halfDayId: sheet.halfDays[0].id,
          attendeeId: sheet.trainees[0].attendeeId,
        }),
      ),
    ).toBe(TrainingErrorCode.AlreadySigned);
  });

  it('countersigns a half-day once begun, which closes it and keeps booking’s flag in step', async () => {
    const sheet = await grid();
    const countersign = context.get(CountersignHalfDayUseCase);
    now = at('2027-01-11T12:20:00Z');
    expect(
      await refusal(
        countersign.execute(consultant, sheet.halfDays[1].id, { kind: 'typed', name: 'X' }),
      ),
    ).toBe(TrainingErrorCode.SigningClosed);
    now = at('2027-01-11T11:35:00Z');
    const result = await countersign.execute(consultant, sheet.halfDays[0].id, {
      kind: 'typed',
      name: 'Claire Formatrice',
    });
    expect(result).toMatchObject({ countersignerName: 'Claire Formatrice', unsigned: 0 });
    expect(
      await refusal(
        countersign.execute(consultant, sheet.halfDays[0].id, { kind: 'typed', name: 'Y' }),
      ),
    ).toBe(TrainingErrorCode.HalfDayClosed);
    expect(
      await refusal(
        context.get(RecordAbsenceUseCase).minutesMissed(consultant, {
          halfDayId: sheet.halfDays[0].id,
          attendeeId: sheet.trainees[0].attendeeId,
          minutes: 5,
        }),
      ),
    ).toBe(TrainingErrorCode.HalfDayClosed);
    const attendance = await db.query<{ attendance: string }[]>(
      `SELECT attendance FROM booking_attendees WHERE booking_id = $1 ORDER BY position`,
      [bookingId],
    );
    expect(attendance.map((row) => row.attendance)).toEqual(['present', 'present']);
    const [booking] = await db.query<{ status: string }[]>(
      `SELECT status FROM bookings WHERE id = $1`,
      [bookingId],
    );
    expect(booking.status).toBe('attended');
    expect((await grid()).halfDays[0]).toMatchObject({ countersignerName: 'Claire Formatrice' });
  });

  it('never lets a signature or a countersignature be altered or deleted (triggers, any role)', async () => {
    const sheet = await grid();
    const half = sheet.halfDays[0].id;
    const attendee = sheet.trainees[0].attendeeId;
    await expect(
      db.query(
        `UPDATE training_attendance SET typed_name = 'Quelqu''un' WHERE half_day_id = $1 AND attendee_id = $2`,
        [half, attendee],
      ),
    ).rejects.toThrow(/closed|record/);
    await expect(
      db.query(`DELETE FROM training_attendance WHERE half_day_id = $1`, [half]),
    ).rejects.toThrow(/permission denied|cannot be deleted/); // the app role has no DELETE; the trigger holds for others
    await expect(
      db.query(`UPDATE training_half_days SET countersigner_name = 'Autre' WHERE id = $1`, [half]),
    ).rejects.toThrow(/countersigned/);
    // On a half-day still open, a signature cannot be rewritten either.
    const open = sheet.halfDays[1].id;
    await expect(
      db.query(`UPDATE training_attendance SET absence_reason = 'autre' WHERE half_day_id = $1`, [
        open,
      ]),
    ).rejects.toThrow(/signed record/);
  });
});

function typed(token: string, name: string) {
  return {
    token,
    signature: { kind: 'typed' as const, name },
    ipAddress: null,
    userAgent: null,
  };
}

describe('a session moved before anything is signed', () => {
  let context: INestApplicationContext;
  let db: DataSource;

  beforeAll(async () => {
    context = await createTestContext([TrainingModule]);
    db = context.get(DataSource);
  });

  afterAll(async () => {
    await context.close();
  });

  it('gets its half-days cut again from the new hours, and its openings scheduled again', async () => {
    const { sessionId } = await insertPublishedSession(db);
    const booker = await insertBooker(db);
    const { body } = await context.get(BookUseCase).execute({
      actor: booker.actor,
      organisationId: booker.organisationId,
      sessionId,
      attendees: [{ name: 'Inès', email: `ines-${randomUUID()}@test.mutualis.fr` }],
    });
    await context
      .get(ConfirmBookingUseCase)
      .execute({ bookingId: body.id, method: 'cheque', confirmedBy: null });
    // A Tuesday, 9:00–17:00 Paris: a morning and an afternoon.
    await db.query(
      `UPDATE sessions SET starts_at = '2031-01-14T08:00:00Z', ends_at = '2031-01-14T16:00:00Z' WHERE id = $1`,
      [sessionId],
    );
    const openings = context.get(AttendanceOpeningsService);
    expect(await openings.scheduleForBooking(body.id)).toBe(2);
    // Moved to a Wednesday morning, 9:00–12:00 Paris.
    await db.query(
      `UPDATE sessions SET starts_at = '2031-01-15T08:00:00Z', ends_at = '2031-01-15T11:00:00Z' WHERE id = $1`,
      [sessionId],
    );
    expect(await openings.remakeForMovedSession(sessionId)).toBe(1);
    const halves = await db.query<{ starts_at: Date; period: string }[]>(
      `SELECT starts_at, period FROM training_half_days WHERE session_id = $1`,
      [sessionId],
    );
    expect(halves).toEqual([{ starts_at: at('2031-01-15T08:00:00Z'), period: 'morning' }]);
  });
});
