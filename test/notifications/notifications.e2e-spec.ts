import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Job, Queue } from 'bullmq';
import { DateTime } from 'luxon';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { RecordInvoicePaymentUseCase, ReverseInvoicePaymentUseCase } from '@mutualis/invoicing';
import { parseCalendarEvent } from '@mutualis/notifications';
import {
  configureChambre,
  DAY_MS,
  insertOrganisations,
  insertPublishedSession,
} from '@mutualis/testing';
import { grantPlatformRoles, registerAndLogIn, TestUser } from '../support/api-client';
import { eventually } from '../support/expectations';
import { CaughtMail, SmtpCatcher } from '../support/smtp-catcher';
import { sql } from '../support/test-app';
import { startWorkerHarness, WorkerHarness } from '../support/worker-harness';

interface DeliveryRow {
  id: string;
  event_key: string;
  recipient: string;
  template: string;
  status: string;
  attempts: number;
  smtp_message_id: string | null;
  last_error: string | null;
}

// E-mail through the real processes: the api records events, the built worker relays them to
// the notifications queue, logs and sends each message over SMTP to a server on loopback,
// which parses what it receives.
describe('notifications', () => {
  let harness: WorkerHarness;
  let app: NestExpressApplication;
  let db: DataSource;
  let smtp: SmtpCatcher;
  let queue: Queue;
  let storage: string;
  let admin: TestUser;

  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    smtp = await SmtpCatcher.start();
    storage = mkdtempSync(join(tmpdir(), 'mutualis-mail-invoices-'));
    harness = await startWorkerHarness('mail', {
      SMTP_URL: smtp.url,
      MAIL_FROM: 'ne-pas-repondre@test.mutualis.fr',
      MAIL_MAX_ATTEMPTS: '3',
      MAIL_RETRY_DELAY_MS: '200',
      INVOICE_STORAGE_DIR: storage,
      PUBLIC_WEB_URL: 'https://mutualis.test',
    });
    ({ app, db } = harness);
    await configureChambre(db);
    queue = new Queue('notifications', {
      connection: { host: '127.0.0.1', port: 6379 },
      prefix: `${harness.environment.redisPrefix}:bull`,
    });
    admin = await registerAndLogIn(app, 'mail-admin');
    await grantPlatformRoles(app, admin, ['admin']);
  });

  afterAll(async () => {
    await queue?.close();
    await harness?.stop();
    await smtp?.stop();
    rmSync(storage, { recursive: true, force: true });
  });

  async function deliveries(where: string, params: unknown[]): Promise<DeliveryRow[]> {
    return db.query<DeliveryRow[]>(
      `SELECT id, event_key, recipient, template, status, attempts, smtp_message_id, last_error
         FROM notification_deliveries WHERE ${where} ORDER BY created_at, id`,
      params,
    );
  }

  /** The messages of a template sent to a recipient, found by the Message-ID the log kept. */
  async function mailsOf(template: string, recipient: string, count = 1): Promise<CaughtMail[]> {
    const rows = await eventually(
      () =>
        deliveries(`template = $1 AND recipient = lower($2) AND status = 'sent'`, [
          template,
          recipient,
        ]),
      (found) => found.length >= count,
      20_000,
    );
    const ids = new Set(rows.map((row) => row.smtp_message_id));
    return smtp.waitFor((caught) => ids.has(caught.mail.messageId ?? ''), rows.length);
  }

  async function memberWithOrganisation(label: string): Promise<{ user: TestUser; org: string }> {
    const user = await registerAndLogIn(app, label);
    const [org] = await insertOrganisations(db, user.id, 1);
    return { user, org };
  }

  /** Books one seat and pays by transfer: confirmed at once, invoiced by the worker. */
  async function confirmedBooking(
    booker: { user: TestUser; org: string },
    sessionId: string,
  ): Promise<string> {
    const booked = await api()
      .post('/api/bookings')
      .auth(booker.user.accessToken, { type: 'bearer' })
      .send({
        organisationId: booker.org,
        sessionId,
        attendees: [{ name: 'Inès <Martin> & Cie', email: 'ines@test.mutualis.fr' }],
      })
      .expect(201);
    await api()
      .post(`/api/bookings/${booked.body.id}/checkout`)
      .auth(booker.user.accessToken, { type: 'bearer' })
      .send({ method: 'bank_transfer' })
      .expect(200);
    return booked.body.id as string;
  }

  async function settled(job: Job | undefined): Promise<unknown> {
    expect(job).toBeDefined();
    const state = await eventually(
      () => job!.getState(),
      (current) => current === 'completed' || current === 'failed',
      20_000,
    );
    expect(state).toBe('completed');
    return (await queue.getJob(job!.id!))?.returnvalue;
  }

  function partsOf(caught: CaughtMail) {
    return caught.mail.attachments.map((part) => ({
      contentType: part.contentType,
      filename: part.filename,
    }));
  }

  it('sends the confirmation with an .ics in Paris time, the invoice with its PDF, and tells the consultant', async () => {
    const member = await memberWithOrganisation('mail-confirm');
    const { sessionId, consultantId } = await insertPublishedSession(db, {
      startsInMs: 20 * DAY_MS,
    });
    await sql(
      app,
      `UPDATE sessions SET location = 'Salle 2, 1er étage; bâtiment "B"' WHERE id = $1`,
      [sessionId],
    );
    const bookingId = await confirmedBooking(member, sessionId);

    const [confirmation] = await mailsOf('booking-confirmed', member.user.email);
    expect(confirmation.mail.subject).toMatch(/^Réservation confirmée : Formation de test/);
    // Escaped in HTML, verbatim in text.
    expect(confirmation.mail.html).toContain('Inès &lt;Martin&gt; &amp; Cie');
    expect(confirmation.mail.text).toContain('Inès <Martin> & Cie');
    expect(confirmation.mail.html).toContain(`https://mutualis.test/bookings/${bookingId}`);
    const calendarPart = confirmation.mail.attachments.find((part) =>
      part.contentType.startsWith('text/calendar'),
    );
    expect(partsOf(confirmation)).toContainEqual(
      expect.objectContaining({ contentType: 'text/calendar' }),
    );
    const event = parseCalendarEvent(calendarPart!.content.toString('utf8'));
    const [session] = await db.query<{ starts_at: Date; ends_at: Date }[]>(
      `SELECT starts_at, ends_at FROM sessions WHERE id = $1`,
      [sessionId],
    );
    expect(event).toMatchObject({
      method: 'PUBLISH',
      status: 'CONFIRMED',
      uid: `booking-${bookingId}@mutualis`,
      summary: 'Formation de test',
      location: 'Salle 2, 1er étage; bâtiment "B"',
      startTzid: 'Europe/Paris',
      startWallClock: DateTime.fromJSDate(session.starts_at, { zone: 'Europe/Paris' }).toFormat(
        "yyyy-MM-dd'T'HH:mm:ss",
      ),
    });
    // Seconds are not kept in a calendar; the instants agree to the second.
    expect(Math.floor(event.startsAt.getTime() / 1000)).toBe(
      Math.floor(session.starts_at.getTime() / 1000),
    );
    expect(Math.floor(event.endsAt.getTime() / 1000)).toBe(
      Math.floor(session.ends_at.getTime() / 1000),
    );

    const [invoice] = await eventually(
      () =>
        db.query<{ id: string; number: string; pdf_path: string | null; pdf_sha256: string }[]>(
          `SELECT id, number, pdf_path, pdf_sha256 FROM invoices WHERE booking_id = $1`,
          [bookingId],
        ),
      (rows) => rows[0]?.pdf_path != null,
      20_000,
    );
    const invoiceMails = (await mailsOf('invoice-issued', 'compta@test.mutualis.fr', 1)).filter(
      (caught) => caught.mail.subject?.includes(invoice.number),
    );
    expect(invoiceMails).toHaveLength(1);
    const pdf = invoiceMails[0].mail.attachments.find(
      (part) => part.contentType === 'application/pdf',
    );
    expect(pdf?.filename).toBe(`${invoice.number}.pdf`);
    // The very document that was stored, byte for byte.
    expect(createHash('sha256').update(pdf!.content).digest('hex')).toBe(invoice.pdf_sha256);
    expect(pdf!.content.equals(readFileSync(join(storage, invoice.pdf_path!)))).toBe(true);

    const [consultant] = await db.query<{ email: string }[]>(
      `SELECT email FROM users WHERE id = $1`,
      [consultantId],
    );
    const [told] = await mailsOf('consultant-new-booking', consultant.email);
    expect(told.mail.text).toContain('SCOP de test');
    const [seats] = await db.query<{ capacity: number; seats_taken: number }[]>(
      `SELECT capacity, seats_taken FROM sessions WHERE id = $1`,
      [sessionId],
    );
    expect(seats.seats_taken).toBeGreaterThan(0);
    expect(told.mail.text).toContain(`${seats.capacity - seats.seats_taken} sur ${seats.capacity}`);

    const [logged] = await deliveries(`template = 'booking-confirmed' AND recipient = lower($1)`, [
      member.user.email,
    ]);
    expect(logged).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    expect(logged.smtp_message_id).toBe(confirmation.mail.messageId);
    expect(confirmation.mail.from?.value[0]).toMatchObject({
      name: 'CRESS de test',
      address: 'ne-pas-repondre@test.mutualis.fr',
    });
    expect(confirmation.mail.replyTo?.value[0].address).toBe('factures@test.mutualis.fr');

    // A replayed event (the relay published it twice, or BullMQ redelivered it) sends nothing new.
    const [confirmed] = await db.query<{ id: string; type: string; payload: object }[]>(
      `SELECT id, type, payload FROM outbox_events WHERE aggregate_id = $1 AND type = 'booking.confirmed'`,
      [bookingId],
    );
    const before = smtp.received.length;
    const rowsBefore = await deliveries(`event_key = $1`, [confirmed.id]);
    const replay = await queue.add(
      'booking.confirmed',
      {
        eventId: confirmed.id,
        type: confirmed.type,
        aggregateId: bookingId,
        payload: confirmed.payload,
      },
      { jobId: `${confirmed.id}-replayed` },
    );
    expect(await settled(replay)).toMatchObject({ queued: 0 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.received.length).toBe(before);
    expect(await deliveries(`event_key = $1`, [confirmed.id])).toEqual(rowsBefore);
  });

  it('reminds two days before, not after a cancellation, and not those who turned reminders off', async () => {
    const staying = await memberWithOrganisation('mail-stays');
    const leaving = await memberWithOrganisation('mail-leaves');
    const quiet = await memberWithOrganisation('mail-quiet');
    await sql(app, `UPDATE users SET locale = 'en' WHERE id = $1`, [staying.user.id]);
    await api()
      .put('/api/me/notification-preferences')
      .auth(quiet.user.accessToken, { type: 'bearer' })
      .send({ sessionReminders: false })
      .expect(200, { sessionReminders: false });
    const { sessionId } = await insertPublishedSession(db, { startsInMs: 10 * DAY_MS });
    const [stayingId, leavingId, quietId] = [
      await confirmedBooking(staying, sessionId),
      await confirmedBooking(leaving, sessionId),
      await confirmedBooking(quiet, sessionId),
    ];

    // Each confirmation scheduled its reminder 48 h before the start.
    const [{ starts_at: startsAt }] = await db.query<{ starts_at: Date }[]>(
      `SELECT starts_at FROM sessions WHERE id = $1`,
      [sessionId],
    );
    const reminderOf = (bookingId: string) => queue.getJob(`reminder-${bookingId}`);
    const scheduled = await eventually(
      () => Promise.all([stayingId, leavingId, quietId].map(reminderOf)),
      (jobs) => jobs.every(Boolean),
    );
    for (const job of scheduled) {
      expect(await job!.getState()).toBe('delayed');
      expect(job!.timestamp + job!.delay).toBeGreaterThan(
        startsAt.getTime() - 48 * 3_600_000 - 5_000,
      );
      expect(job!.timestamp + job!.delay).toBeLessThanOrEqual(startsAt.getTime() - 48 * 3_600_000);
    }

    await api()
      .post(`/api/bookings/${leavingId}/cancel`)
      .auth(leaving.user.accessToken, { type: 'bearer' })
      .send({})
      .expect(200);
    // The cancellation removed its reminder, and withdrew the calendar event.
    expect(
      await eventually(
        () => reminderOf(leavingId),
        (job) => job === undefined,
      ),
    ).toBeUndefined();
    const [cancelled] = await mailsOf('booking-cancelled', leaving.user.email);
    const withdrawal = cancelled.mail.attachments.find((part) =>
      part.contentType.startsWith('text/calendar'),
    );
    expect(parseCalendarEvent(withdrawal!.content.toString('utf8'))).toMatchObject({
      method: 'CANCEL',
      status: 'CANCELLED',
      uid: `booking-${leavingId}@mutualis`,
    });

    // Time passes: the remaining reminders fall due. A reminder job that escaped removal
    // (run again by hand here) finds the booking cancelled and sends nothing.
    await (await reminderOf(stayingId))!.promote();
    await (await reminderOf(quietId))!.promote();
    const escaped = await queue.add(
      'notifications.session-reminder',
      { bookingId: leavingId },
      { jobId: `reminder-${leavingId}-escaped` },
    );
    expect(await settled(escaped)).toEqual({ queued: 0 });

    const [reminder] = await mailsOf('session-reminder', staying.user.email);
    expect(reminder.mail.subject).toMatch(/^Reminder: Formation de test/); // their language
    expect(reminder.mail.html).toContain('https://mutualis.test/account/notifications');
    expect(reminder.raw.toString('utf8')).toMatch(
      /^List-Unsubscribe: <https:\/\/mutualis\.test\/account\/notifications>/m,
    );
    const [quietRow] = await eventually(
      () => deliveries(`event_key = $1`, [`reminder:${quietId}`]),
      (rows) => rows[0]?.status === 'skipped',
    );
    expect(quietRow.last_error).toMatch(/turned session reminders off/);
    expect(smtp.to(quiet.user.email).map((caught) => caught.mail.subject)).not.toContainEqual(
      expect.stringMatching(/^Rappel/),
    );
    expect(await deliveries(`event_key = $1`, [`reminder:${leavingId}`])).toEqual([]);
    expect(smtp.to(leaving.user.email).map((caught) => caught.mail.subject)).not.toContainEqual(
      expect.stringMatching(/^Rappel/),
    );
    // Transactional mail still reached the one who opted out of reminders.
    await mailsOf('booking-confirmed', quiet.user.email);
  });

  it('sends dunning letters while the invoice is unpaid and stops them once it is paid', async () => {
    const member = await memberWithOrganisation('mail-dunning');
    const { sessionId } = await insertPublishedSession(db, { startsInMs: 40 * DAY_MS });
    const bookingId = await confirmedBooking(member, sessionId);
    const [invoice] = await eventually(
      () =>
        db.query<{ id: string; number: string; total_incl_vat_cents: string; due_date: string }[]>(
          `SELECT id, number, total_incl_vat_cents, due_date::text FROM invoices
            WHERE booking_id = $1 AND number IS NOT NULL`,
          [bookingId],
        ),
      (rows) => rows.length === 1,
      20_000,
    );
    const overdueJob = (stage: number) => queue.getJob(`overdue-${invoice.id}-${stage}`);
    const jobs = await eventually(
      () => Promise.all([7, 15, 30].map(overdueJob)),
      (found) => found.every(Boolean),
    );
    const dueAt = DateTime.fromISO(invoice.due_date, { zone: 'Europe/Paris' }).set({ hour: 9 });
    expect(jobs.map((job) => job!.timestamp + job!.delay)).toEqual(
      [7, 15, 30].map((days) => dueAt.plus({ days }).toMillis()),
    );

    // Seven days after the due date, nothing received: the first reminder goes out.
    await jobs[0]!.promote();
    const [first] = await eventually(
      () => deliveries(`event_key = $1`, [`overdue:${invoice.id}:7`]),
      (rows) => rows[0]?.status === 'sent',
    );
    const [letter] = await smtp.waitFor(
      (caught) => caught.mail.messageId === first.smtp_message_id,
    );
    expect(letter.mail.subject).toContain(invoice.number);
    expect(letter.to).toEqual(['compta@test.mutualis.fr']);

    // The transfer arrives (reconciliation records it): the receipt goes out, the rest is called off.
    await app.get(RecordInvoicePaymentUseCase).execute({
      source: `test-transfer:${invoice.id}`,
      bookingId,
      amountCents: Number(invoice.total_incl_vat_cents),
      method: 'bank_transfer',
    });
    const receipts = await eventually(
      async () =>
        (await mailsOf('payment-received', 'compta@test.mutualis.fr')).filter((caught) =>
          caught.mail.subject?.includes(invoice.number),
        ),
      (found) => found.length === 1,
    );
    expect(receipts).toHaveLength(1);
    expect(
      await eventually(
        () => Promise.all([15, 30].map(overdueJob)),
        (found) => found.every((job) => job === undefined),
      ),
    ).toEqual([undefined, undefined]);
    // Even run by hand, a later stage finds the invoice paid and sends nothing.
    const late = await queue.add(
      'notifications.invoice-overdue',
      { invoiceId: invoice.id, stage: 15 },
      { jobId: `overdue-${invoice.id}-15-by-hand` },
    );
    expect(await settled(late)).toEqual({ queued: 0 });
    expect(await deliveries(`event_key LIKE $1`, [`overdue:${invoice.id}:%`])).toHaveLength(1);

    // The payment was a mistake (finance undoes the allocation): the letters ahead are back.
    await db.transaction((manager) =>
      app.get(ReverseInvoicePaymentUseCase).execute(`test-transfer:${invoice.id}`, manager),
    );
    expect(
      (
        await eventually(
          () => Promise.all([15, 30].map(overdueJob)),
          (found) => found.every(Boolean),
        )
      ).map((job) => job?.delay !== undefined),
    ).toEqual([true, true]);
  });

  it('schedules again the reminders and dunning letters Redis lost', async () => {
    const member = await memberWithOrganisation('mail-rebuild');
    const { sessionId } = await insertPublishedSession(db, { startsInMs: 12 * DAY_MS });
    const bookingId = await confirmedBooking(member, sessionId);
    const [invoice] = await eventually(
      () =>
        db.query<{ id: string }[]>(
          `SELECT id FROM invoices WHERE booking_id = $1 AND number IS NOT NULL`,
          [bookingId],
        ),
      (rows) => rows.length === 1,
      20_000,
    );
    const ids = [`reminder-${bookingId}`, `overdue-${invoice.id}-7`, `overdue-${invoice.id}-30`];
    const jobs = await eventually(
      () => Promise.all(ids.map((id) => queue.getJob(id))),
      (found) => found.every(Boolean),
    );
    const dueAt = jobs.map((job) => job!.timestamp + job!.delay);
    // A Redis restarted without its data: the delayed jobs are gone.
    for (const job of jobs) await job!.remove();
    expect(await Promise.all(ids.map((id) => queue.getJob(id)))).toEqual([
      undefined,
      undefined,
      undefined,
    ]);

    const rebuild = await queue.add('notifications.rebuild-schedules', {}, { jobId: 'rebuild-1' });
    expect(await settled(rebuild)).toMatchObject({
      reminders: expect.any(Number),
      dunning: expect.any(Number),
    });
    const rebuilt = await Promise.all(ids.map((id) => queue.getJob(id)));
    expect(rebuilt.map((job) => job && job.timestamp + job.delay)).toEqual(dueAt);
  });

  it('retries a refused message with backoff, logs it failed without losing it, and sends it again on request', async () => {
    const owner = await memberWithOrganisation('mail-inviter');
    const flaky = `flaky-${Date.now()}@test.mutualis.fr`;
    const down = `down-${Date.now()}@test.mutualis.fr`;
    smtp.refuse(flaky, 1);
    smtp.refuse(down);
    for (const email of [flaky, down]) {
      await api()
        .post(`/api/organisations/${owner.org}/invitations`)
        .auth(owner.user.accessToken, { type: 'bearer' })
        .send({ email, role: 'org_member' })
        .expect(201);
    }

    // Refused once, then accepted: sent on the second attempt.
    const [invitation] = await mailsOf('account-invitation', flaky);
    expect(invitation.mail.text).toMatch(/https:\/\/mutualis\.test\/invitations\/[A-Za-z0-9_-]+/);
    expect((await deliveries(`recipient = $1`, [flaky]))[0]).toMatchObject({
      status: 'sent',
      attempts: 2,
    });

    // Refused every time: three attempts, then failed, with the server's answer kept.
    const [failed] = await eventually(
      () => deliveries(`recipient = $1`, [down]),
      (rows) => rows[0]?.status === 'failed',
      20_000,
    );
    expect(failed).toMatchObject({ status: 'failed', attempts: 3, smtp_message_id: null });
    expect(failed.last_error).toMatch(/451/);
    expect(smtp.to(down)).toHaveLength(0);
    const listed = await api()
      .get('/api/admin/notifications?status=failed')
      .auth(admin.accessToken, { type: 'bearer' })
      .expect(200);
    expect(listed.body.items).toContainEqual(
      expect.objectContaining({ id: failed.id, recipient: down, attempts: 3 }),
    );

    // The mailbox is back: an admin sends the very same message again.
    smtp.accept(down);
    await api()
      .post(`/api/admin/notifications/${failed.id}/resend`)
      .auth(admin.accessToken, { type: 'bearer' })
      .expect(202);
    const [resent] = await mailsOf('account-invitation', down);
    expect(resent.mail.text).toContain(invitation.mail.text!.match(/SCOP de test \d+/)![0]);
    expect((await deliveries(`recipient = $1`, [down]))[0]).toMatchObject({
      status: 'sent',
      attempts: 4,
    });
    // Only failed messages can be resent.
    const again = await api()
      .post(`/api/admin/notifications/${failed.id}/resend`)
      .auth(admin.accessToken, { type: 'bearer' })
      .expect(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
  });

  it('tells the consultant when changes to a published offering are refused (with the reason) or approved', async () => {
    const consultant = await registerAndLogIn(app, 'mail-revision-consultant');
    await sql(app, `UPDATE users SET platform_roles = '{consultant}' WHERE id = $1`, [
      consultant.id,
    ]);
    const { offeringId } = await insertPublishedSession(db, { consultantId: consultant.id });
    const propose = (title: string) =>
      api()
        .patch(`/api/offerings/${offeringId}`)
        .auth(consultant.accessToken, { type: 'bearer' })
        .send({ title })
        .expect(200);
    await propose('Formation de test, édition <promo>');
    await api()
      .post(`/api/offerings/${offeringId}/reject`)
      .auth(admin.accessToken, { type: 'bearer' })
      .send({ reason: 'Un titre sans <promo>, merci' })
      .expect(200);
    const [refused] = await mailsOf('offering-rejected', consultant.email);
    expect(refused.mail.text).toContain('Un titre sans <promo>, merci');
    expect(refused.mail.html).toContain('Un titre sans &lt;promo&gt;, merci');

    await propose('Formation de test, deuxième édition');
    await api()
      .post(`/api/offerings/${offeringId}/publish`)
      .auth(admin.accessToken, { type: 'bearer' })
      .expect(200);
    const [approved] = await mailsOf('offering-approved', consultant.email);
    expect(approved.mail.text).toContain('Formation de test, deuxième édition');
  });

  it('tells the consultant of a rejection with the reason, escaped, and sends the attendee list the day before once', async () => {
    const { offeringId, consultantId } = await insertPublishedSession(db);
    await sql(app, `UPDATE offerings SET status = 'submitted', published_at = NULL WHERE id = $1`, [
      offeringId,
    ]);
    await api()
      .post(`/api/offerings/${offeringId}/reject`)
      .auth(admin.accessToken, { type: 'bearer' })
      .send({ reason: 'Précisez le public <b>visé</b>' })
      .expect(200);
    const [consultant] = await db.query<{ email: string }[]>(
      `SELECT email FROM users WHERE id = $1`,
      [consultantId],
    );
    const [rejection] = await mailsOf('offering-rejected', consultant.email);
    expect(rejection.mail.html).toContain('Précisez le public &lt;b&gt;visé&lt;/b&gt;');
    expect(rejection.mail.text).toContain('Précisez le public <b>visé</b>');

    // A session tomorrow at 10:00 in Paris, with one confirmed booking.
    const tomorrow = DateTime.now().setZone('Europe/Paris').plus({ days: 1 }).set({
      hour: 10,
      minute: 0,
      second: 0,
      millisecond: 0,
    });
    const member = await memberWithOrganisation('mail-attendee');
    const upcoming = await insertPublishedSession(db, {
      startsInMs: tomorrow.toMillis() - Date.now(),
    });
    await confirmedBooking(member, upcoming.sessionId);
    const [host] = await db.query<{ email: string }[]>(`SELECT email FROM users WHERE id = $1`, [
      upcoming.consultantId,
    ]);
    for (const run of [1, 2]) {
      const job = await queue.add('notifications.attendee-lists', {}, { jobId: `lists-${run}` });
      await settled(job);
    }
    const [list] = await mailsOf('consultant-attendee-list', host.email);
    expect(list.mail.html).toContain('Inès &lt;Martin&gt; &amp; Cie');
    expect(list.mail.text).toContain('ines@test.mutualis.fr');
    expect(
      await deliveries(`event_key = $1`, [`attendee-list:${upcoming.sessionId}`]),
    ).toHaveLength(1);
  });

  it('answers preference and log requests with problems for bad input, changing nothing', async () => {
    const member = await registerAndLogIn(app, 'mail-prefs');
    const bad = await api()
      .put('/api/me/notification-preferences')
      .auth(member.accessToken, { type: 'bearer' })
      .send({ sessionReminders: 'sometimes' })
      .expect(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    await api()
      .get('/api/me/notification-preferences')
      .auth(member.accessToken, { type: 'bearer' })
      .expect(200, { sessionReminders: true });
    await api()
      .get('/api/admin/notifications?status=lost')
      .auth(admin.accessToken, { type: 'bearer' })
      .expect(400);
    await api()
      .get('/api/admin/notifications?cursor=nonsense')
      .auth(admin.accessToken, { type: 'bearer' })
      .expect(400);
    await api()
      .get('/api/admin/notifications')
      .auth(member.accessToken, { type: 'bearer' })
      .expect(403);
    await api()
      .post('/api/admin/notifications/00000000-0000-4000-8000-000000000000/resend')
      .auth(admin.accessToken, { type: 'bearer' })
      .expect(404);
  });
});
