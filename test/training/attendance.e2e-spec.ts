import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ConfirmBookingUseCase } from '@mutualis/booking';
import { insertPublishedSession } from '@mutualis/testing';
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

/**
 * Émargement through the api and the worker, on the real clock: a training booking confirmed,
 * the half-day under way opens and each trainee is mailed their own link; the phone page signs
 * once, in the window; a forged link, a second signature, a colleague's phone are refused with a
 * problem; the consultant sees the grid (no one else does), records an absence, countersigns,
 * after which nothing more is signed; booking's attendance flag follows.
 */
describe('attendance signed per half-day, end to end', () => {
  let stack: MailingStack;
  let smtp: SmtpCatcher;
  let app: NestExpressApplication;
  let db: DataSource;
  let consultant: TestUser;
  let sessionId: string;
  let bookingId: string;
  const lea = `lea-${Date.now()}@test.mutualis.fr`;
  const karim = `karim-${Date.now()}@test.mutualis.fr`;

  const api = () => request(app.getHttpServer());
  const linkIn = (address: string): string | null => {
    const mail = smtp.received.find((caught) => caught.to.includes(address));
    const match = /https:\/\/mutualis\.test\/emargement\/([A-Za-z0-9_-]{64})/.exec(
      mail?.mail.text ?? '',
    );
    return match ? match[1] : null;
  };

  beforeAll(async () => {
    stack = await startMailingStack('training_attendance');
    ({ smtp, app, db } = stack);
    consultant = await userWithRoles(app, 'formatrice', ['consultant']);
    ({ sessionId } = await insertPublishedSession(db, { consultantId: consultant.id }));
    const booker = await registerAndLogIn(app, 'booker');
    const organisationId = await createOrganisation(app, booker);
    const booked = await api()
      .post('/api/bookings')
      .auth(booker.accessToken, bearer)
      .send({
        organisationId,
        sessionId,
        attendees: [
          { name: 'Léa Dubois', email: lea },
          { name: 'Karim Benali', email: karim },
        ],
      });
    expectStatus(booked, 201);
    bookingId = booked.body.id as string;
    // The session is under way: it began ten minutes ago (its half-day is open now).
    await db.query(
      `UPDATE sessions SET starts_at = now() - interval '10 minutes', ends_at = now() + interval '50 minutes',
              registration_deadline = now() - interval '1 hour' WHERE id = $1`,
      [sessionId],
    );
    await app
      .get(ConfirmBookingUseCase)
      .execute({ bookingId, method: 'cheque', confirmedBy: null });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('mails each trainee their own link as the half-day opens; the phone signs once, in the window', async () => {
    await eventually(
      async () => [linkIn(lea), linkIn(karim)],
      (links) => links.every(Boolean),
      20_000,
    );
    const leaToken = linkIn(lea)!;
    const karimToken = linkIn(karim)!;
    expect(leaToken).not.toBe(karimToken);
    const mail = smtp.received.find((caught) => caught.to.includes(lea))!;
    expect(mail.mail.subject).toMatch(/^Émargement : Formation de test/);

    // The log keeps which half-day and trainee, never the link: it signs for them.
    const logged = await db.query<{ params: string }[]>(
      `SELECT params::text AS params FROM notification_deliveries WHERE template = 'attendance-signing-link'`,
    );
    expect(logged).toHaveLength(2);
    for (const row of logged) expect(row.params).not.toContain('emargement');

    const page = await api().get(`/api/attendance/${leaToken}`);
    expectStatus(page, 200);
    expect(page.body).toMatchObject({ traineeName: 'Léa Dubois', state: 'open' });

    const signed = await api()
      .post(`/api/attendance/${leaToken}`)
      .set('user-agent', 'Phone/1.0')
      .send({ typedName: 'Léa Dubois' });
    expectStatus(signed, 200);
    expect(signed.body.devicePass).toMatch(/^[A-Za-z0-9_-]{64}$/);

    expectProblem(
      await api().post(`/api/attendance/${leaToken}`).send({ typedName: 'Léa Dubois' }),
      409,
      'attendance_already_signed',
    );
    // Léa's phone, with Karim's link.
    expectProblem(
      await api()
        .post(`/api/attendance/${karimToken}`)
        .send({ typedName: 'Karim', devicePass: signed.body.devicePass }),
      403,
      'signing_link_of_another_trainee',
    );
    const forged = `${karimToken.slice(0, 60)}${karimToken.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    expectProblem(
      await api().post(`/api/attendance/${forged}`).send({ typedName: 'X' }),
      404,
      'signing_link_invalid',
    );
    expectProblem(await api().get('/api/attendance/not-a-token'), 400);
    expectProblem(
      await api()
        .post(`/api/attendance/${karimToken}`)
        .send({ typedName: 'Karim', signaturePng: 'data:image/png;base64,AAAA' }),
      400,
      'invalid_signature',
    );
    expectProblem(
      await api()
        .post(`/api/attendance/${karimToken}`)
        .send({ signaturePng: 'data:image/png;base64,AAAA' }),
      400,
      'invalid_signature',
    );
  });

  it('shows the grid to its consultant only, who records an absence and countersigns', async () => {
    const other = await userWithRoles(app, 'autre-formateur', ['consultant']);
    const member = await registerAndLogIn(app, 'curieux');
    expectProblem(
      await api().get(`/api/sessions/${sessionId}/half-days`).auth(other.accessToken, bearer),
      404,
    );
    expectProblem(
      await api().get(`/api/sessions/${sessionId}/half-days`).auth(member.accessToken, bearer),
      404,
    );
    expectProblem(await api().get(`/api/sessions/${sessionId}/half-days`), 401);

    const grid = await api()
      .get(`/api/sessions/${sessionId}/half-days`)
      .auth(consultant.accessToken, bearer);
    expectStatus(grid, 200);
    const halfDayId = grid.body.halfDays.find(
      (half: { startsAt: string; endsAt: string }) =>
        new Date(half.startsAt) <= new Date() && new Date() <= new Date(half.endsAt),
    ).id as string;
    const [leaRow, karimRow] = grid.body.trainees as {
      attendeeId: string;
      cells: { halfDayId: string; status: string | null; qrCode: string }[];
    }[];
    expect(leaRow.cells.find((cell) => cell.halfDayId === halfDayId)?.status).toBe('present');

    expectProblem(
      await api()
        .post(`/api/half-days/${halfDayId}/absences`)
        .auth(other.accessToken, bearer)
        .send({ attendeeId: karimRow.attendeeId, reason: 'Malade' }),
      404,
      'half_day_not_found',
    );
    expectProblem(
      await api()
        .post(`/api/half-days/${halfDayId}/absences`)
        .auth(consultant.accessToken, bearer)
        .send({ attendeeId: 'nope', reason: 'Malade' }),
      400,
    );
    expectStatus(
      await api()
        .post(`/api/half-days/${halfDayId}/absences`)
        .auth(consultant.accessToken, bearer)
        .send({ attendeeId: karimRow.attendeeId, reason: 'Malade' }),
      204,
    );
    expectStatus(
      await api()
        .post(`/api/half-days/${halfDayId}/minutes-missed`)
        .auth(consultant.accessToken, bearer)
        .send({ attendeeId: leaRow.attendeeId, minutes: 5 }),
      204,
    );
    const countersigned = await api()
      .post(`/api/half-days/${halfDayId}/countersignature`)
      .auth(consultant.accessToken, bearer)
      .send({ typedName: 'Claire Formatrice' });
    expectStatus(countersigned, 200);
    expect(countersigned.body).toMatchObject({
      countersignerName: 'Claire Formatrice',
      unsigned: 0,
    });
    expectProblem(
      await api()
        .post(`/api/half-days/${halfDayId}/countersignature`)
        .auth(consultant.accessToken, bearer)
        .send({ typedName: 'Claire Formatrice' }),
      409,
      'half_day_closed',
    );
    expectProblem(
      await api()
        .post(`/api/half-days/${halfDayId}/minutes-missed`)
        .auth(consultant.accessToken, bearer)
        .send({ attendeeId: leaRow.attendeeId, minutes: 10 }),
      409,
      'half_day_closed',
    );
    const [booking] = await db.query<{ status: string }[]>(
      `SELECT status FROM bookings WHERE id = $1`,
      [bookingId],
    );
    expect(booking.status).toBe('attended');
    const attendance = await db.query<{ attendance: string }[]>(
      `SELECT attendance FROM booking_attendees WHERE booking_id = $1 ORDER BY position`,
      [bookingId],
    );
    expect(attendance.map((row) => row.attendance)).toEqual(['present', 'absent']);
  });
});
