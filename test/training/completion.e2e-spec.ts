import { randomUUID } from 'node:crypto';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { BookUseCase, ConfirmBookingUseCase } from '@mutualis/booking';
import { parisDate, parisStartOfDay } from '@mutualis/core';
import { insertPublishedSession, pdfLines } from '@mutualis/testing';
import {
  ScheduleSessionEndUseCase,
  SessionAttendanceService,
  TrainingEvents,
} from '@mutualis/training';
import {
  createOrganisation,
  registerAndLogIn,
  TestUser,
  userWithRoles,
} from '../support/api-client';
import { eventually, expectProblem, expectStatus } from '../support/expectations';
import { MailingStack, startMailingStack } from '../support/mailing-stack';
import { SmtpCatcher } from '../support/smtp-catcher';

const bearer = { type: 'bearer' } as const;
const HOUR = 3_600_000;

/**
 * After a training session, through the api and the worker: the booking's confirmation
 * schedules the session's end; at the end the worker makes the attendance sheet and, per
 * trainee, the attestation de fin de formation and the certificat de réalisation with the hours
 * signed (10,5 h of 14 h for the trainee absent one half-day), and mails them, attached, to each
 * trainee and to whoever booked. The attendance sheet is the consultant's and admins' only.
 */
describe('training completion documents, end to end', () => {
  let stack: MailingStack;
  let smtp: SmtpCatcher;
  let app: NestExpressApplication;
  let db: DataSource;

  const api = () => request(app.getHttpServer());
  // Only the completion mails: trainees also get their convocation and signing links.
  const mailsTo = (address: string) =>
    smtp.received.filter(
      (caught) =>
        caught.to.includes(address.toLowerCase()) &&
        /^(Votre attestation de formation|Certificat de réalisation)/.test(
          caught.mail.subject ?? '',
        ),
    );

  beforeAll(async () => {
    stack = await startMailingStack('training_completion');
    ({ smtp, app, db } = stack);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('makes and mails the attendance sheet, attestations and certificates with the hours signed', async () => {
    const consultant = await userWithRoles(app, 'formateur', ['consultant']);
    const { sessionId } = await insertPublishedSession(db, { consultantId: consultant.id });
    const booker = await registerAndLogIn(app, 'responsable-formation');
    const organisationId = await createOrganisation(app, booker);
    const lea = `lea-${randomUUID()}@test.mutualis.fr`;
    const karim = `karim-${randomUUID()}@test.mutualis.fr`;
    const { body: booking } = await app.get(BookUseCase).execute({
      actor: { userId: booker.id, roles: [] },
      organisationId,
      sessionId,
      attendees: [
        { name: 'Léa Martin', email: lea },
        { name: 'Karim Benali', email: karim },
      ],
    });
    await app
      .get(ConfirmBookingUseCase)
      .execute({ bookingId: booking.id, method: 'cheque', confirmedBy: null });

    // The worker schedules the session's end from the confirmation.
    const ends = await eventually(
      () =>
        db.query<{ deliver_at: Date }[]>(
          `SELECT deliver_at FROM outbox_events WHERE type = $1 AND aggregate_id = $2`,
          [TrainingEvents.SessionEnded, sessionId],
        ),
      (rows) => rows.length === 1,
    );
    expect(ends).toHaveLength(1);

    // The session is held on two days ending yesterday (moved earlier, as a reschedule would),
    // 9:00–17:00 Paris: four half-days, 14 h.
    const yesterday = parisDate(new Date(Date.now() - 24 * HOUR));
    const dayBefore = parisDate(new Date(Date.now() - 48 * HOUR));
    await db.query(
      `UPDATE sessions SET registration_deadline = $2, starts_at = $3, ends_at = $4 WHERE id = $1`,
      [
        sessionId,
        parisStartOfDay(dayBefore),
        new Date(parisStartOfDay(dayBefore).getTime() + 9 * HOUR),
        new Date(parisStartOfDay(yesterday).getTime() + 17 * HOUR),
      ],
    );
    const attendance = await app.get(SessionAttendanceService).of(sessionId);
    expect(attendance.scheduledMinutes).toBe(840);
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
            absent ? null : new Date(half.startsAt.getTime() + 4 * 60_000),
            absent ? null : 'typed',
            absent ? null : trainee.name,
            absent ? 'Malade' : null,
          ],
        );
      }
    }
    // What catalogue's reschedule does once it lands: the end is scheduled again, now past.
    expect(await app.get(ScheduleSessionEndUseCase).execute(sessionId)).toBe('scheduled');

    // Each trainee: one mail, the attestation and the certificate attached.
    const [leaMail, karimMail] = await Promise.all(
      [lea, karim].map((address) =>
        eventually(
          async () => mailsTo(address),
          (mails) => mails.length >= 1,
          30_000,
        ),
      ),
    );
    expect(leaMail).toHaveLength(1);
    expect(karimMail).toHaveLength(1);
    const attachments = karimMail[0].mail.attachments;
    expect(attachments.map((attachment) => attachment.filename).sort()).toEqual([
      `attestation-fin-de-formation-${dayBefore}.pdf`,
      `certificat-de-realisation-${dayBefore}.pdf`,
    ]);
    const certificate = attachments.find((attachment) =>
      attachment.filename?.startsWith('certificat'),
    )!;
    const text = pdfLines(certificate.content).join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('Certificat de réalisation');
    expect(text).toContain('Karim Benali');
    expect(text).toContain('réalisée à hauteur de 10,5 h sur 14 h.');
    expect(karimMail[0].mail.text).toContain('10,5 h sur 14 h');
    const leaCertificate = leaMail[0].mail.attachments.find((attachment) =>
      attachment.filename?.startsWith('certificat'),
    )!;
    expect(pdfLines(leaCertificate.content).join(' ')).toContain(
      'réalisée à hauteur de 14 h sur 14 h.',
    );

    // Whoever booked: one per trainee, for the organisation's OPCO.
    const bookerMails = await eventually(
      async () =>
        mailsTo(booker.email).filter((caught) =>
          caught.mail.subject?.startsWith('Certificat de réalisation'),
        ),
      (mails) => mails.length >= 2,
    );
    expect(bookerMails).toHaveLength(2);
    expect(bookerMails.every((caught) => caught.mail.attachments.length === 2)).toBe(true);

    const documents = await db.query<{ kind: string }[]>(
      // The convention (and convocations, when due) of the booking are made alongside.
      `SELECT kind FROM training_documents
        WHERE session_id = $1 AND kind IN ('attendance_sheet', 'attestation', 'certificate')
        ORDER BY kind`,
      [sessionId],
    );
    expect(documents.map((document) => document.kind)).toEqual([
      'attendance_sheet',
      'attestation',
      'attestation',
      'certificate',
      'certificate',
    ]);

    // The attendance sheet, any time, to its consultant: the next version.
    const sheet = await api()
      .get(`/api/sessions/${sessionId}/attendance-sheet`)
      .auth(consultant.accessToken, bearer)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expectStatus(sheet, 200);
    expect(sheet.headers['content-type']).toBe('application/pdf');
    expect(sheet.headers['x-document-version']).toBe('2');
    const sheetText = pdfLines(sheet.body as Buffer).join(' ');
    expect(sheetText).toContain('Feuille d’émargement');
    expect(sheetText).toContain('Motif : Malade');
  });

  it('refuses the attendance sheet to anyone but the consultant and admins, and bad ids', async () => {
    const consultant = await userWithRoles(app, 'formatrice', ['consultant']);
    const { sessionId } = await insertPublishedSession(db, { consultantId: consultant.id });
    const stranger: TestUser = await userWithRoles(app, 'autre-formateur', ['consultant']);
    const member = await registerAndLogIn(app, 'adherent');
    const admin = await userWithRoles(app, 'admin-formation', ['admin']);

    for (const user of [stranger, member]) {
      const refused = await api()
        .get(`/api/sessions/${sessionId}/attendance-sheet`)
        .auth(user.accessToken, bearer);
      expectProblem(refused, 404, 'training_session_not_found');
    }
    expectProblem(
      await api()
        .get(`/api/sessions/${randomUUID()}/attendance-sheet`)
        .auth(admin.accessToken, bearer),
      404,
      'training_session_not_found',
    );
    expect(
      (await api().get(`/api/sessions/not-a-uuid/attendance-sheet`).auth(admin.accessToken, bearer))
        .status,
    ).toBe(400);
    expect((await api().get(`/api/sessions/${sessionId}/attendance-sheet`)).status).toBe(401);
    const byAdmin = await api()
      .get(`/api/sessions/${sessionId}/attendance-sheet`)
      .auth(admin.accessToken, bearer);
    expectStatus(byAdmin, 200);
    expect(
      await db.query(`SELECT 1 FROM training_documents WHERE session_id = $1`, [sessionId]),
    ).toHaveLength(1);
  });
});
