import { NestExpressApplication } from '@nestjs/platform-express';
import { Job, Queue, QueueEvents } from 'bullmq';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { QueueName } from '@mutualis/core';
import { PrivacyJobs } from '@mutualis/privacy';
import { insertOrganisations, insertPublishedSession } from '@mutualis/testing';
import { registerAndLogIn, TestUser } from '../support/api-client';
import { startWorkerHarness, WorkerHarness } from '../support/worker-harness';

// Retention through the built worker: its daily maintenance job, run here on demand, anonymises
// attendees three years after their service and drops sent mail's rendered data after a year.
describe('retention of personal data by the worker', () => {
  let harness: WorkerHarness;
  let app: NestExpressApplication;
  let db: DataSource;
  let queue: Queue;
  let events: QueueEvents;
  let booker: TestUser;

  beforeAll(async () => {
    harness = await startWorkerHarness('retention');
    ({ app, db } = harness);
    const connection = { host: '127.0.0.1', port: 6379 };
    const prefix = `${harness.environment.redisPrefix}:bull`;
    queue = new Queue(QueueName.Maintenance, { connection, prefix });
    events = new QueueEvents(QueueName.Maintenance, { connection, prefix });
    await events.waitUntilReady();
    booker = await registerAndLogIn(app, 'retention');
  }, 60_000);

  afterAll(async () => {
    await events?.close();
    await queue?.close();
    await harness?.stop();
  });

  async function bookingStarted(organisationId: string, ago: string, who: string) {
    const { sessionId } = await insertPublishedSession(db);
    const booked = await request(app.getHttpServer())
      .post('/api/bookings')
      .auth(booker.accessToken, { type: 'bearer' })
      .send({
        organisationId,
        sessionId,
        attendees: [{ name: who, email: `${who}@test.mutualis.fr` }],
      })
      .expect(201);
    // The service took place that long ago (bookings snapshot their service date).
    await db.query(`UPDATE bookings SET service_starts_at = now() - $2::interval WHERE id = $1`, [
      booked.body.id,
      ago,
    ]);
    return booked.body.id as string;
  }

  async function delivery(recipient: string, sentAgo: string | null): Promise<string> {
    const [{ id }] = await db.query<{ id: string }[]>(
      `INSERT INTO notification_deliveries (event_key, recipient, template, locale, params, status, sent_at, created_at)
       VALUES (gen_random_uuid()::text, $1, 'booking-confirmed', 'fr', '{"name": "Nom Rendu"}',
               CASE WHEN $2::interval IS NULL THEN 'pending' ELSE 'sent' END, now() - $2::interval,
               now() - coalesce($2::interval, interval '2 years'))
       RETURNING id`,
      [recipient, sentAgo],
    );
    return id;
  }

  async function runRetention(): Promise<{ attendees: number; deliveries: number }> {
    const job: Job = await queue.add(PrivacyJobs.PurgeExpiredPersonalData, {});
    return (await job.waitUntilFinished(events, 30_000)) as {
      attendees: number;
      deliveries: number;
    };
  }

  it('is scheduled every day by the worker', async () => {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((scheduler) => scheduler.key)).toContain(
      PrivacyJobs.PurgeExpiredPersonalData,
    );
  });

  it('anonymises attendees of services over three years old and mail data sent over a year ago, keeps the rest, and a second run changes nothing', async () => {
    const [organisationId] = await insertOrganisations(db, booker.id, 1);
    const old = await bookingStarted(organisationId, '3 years 2 days', 'ancienne');
    const recent = await bookingStarted(organisationId, '2 years', 'recente');
    const ahead = await bookingStarted(organisationId, '-10 days', 'future');
    const oldMail = await delivery('ancien@test.mutualis.fr', '400 days');
    const recentMail = await delivery('recent@test.mutualis.fr', '100 days');
    const unsent = await delivery('attente@test.mutualis.fr', null);

    const first = await runRetention();
    expect(first.attendees).toBeGreaterThanOrEqual(1);
    expect(first.deliveries).toBeGreaterThanOrEqual(1);

    const seats = await db.query<
      { booking_id: string; name: string; email: string; anonymised: boolean }[]
    >(
      `SELECT booking_id, name, email, anonymised_at IS NOT NULL AS anonymised
         FROM booking_attendees WHERE booking_id = ANY($1)`,
      [[old, recent, ahead]],
    );
    const seatOf = (bookingId: string) => seats.find((seat) => seat.booking_id === bookingId)!;
    expect(seatOf(old)).toMatchObject({
      name: 'Participant anonymisé',
      email: expect.stringMatching(/@anonymised\.invalid$/),
      anonymised: true,
    });
    expect(seatOf(recent)).toMatchObject({
      name: 'recente',
      email: 'recente@test.mutualis.fr',
      anonymised: false,
    });
    expect(seatOf(ahead)).toMatchObject({ name: 'future', anonymised: false });

    const mails = await db.query<
      { id: string; params: object; purged: boolean; recipient: string }[]
    >(
      `SELECT id, params, data_purged_at IS NOT NULL AS purged, recipient
         FROM notification_deliveries WHERE id = ANY($1)`,
      [[oldMail, recentMail, unsent]],
    );
    const mailOf = (id: string) => mails.find((mail) => mail.id === id)!;
    expect(mailOf(oldMail)).toMatchObject({ params: {}, purged: true });
    expect(mailOf(recentMail)).toMatchObject({ params: { name: 'Nom Rendu' }, purged: false });
    // Not sent yet: its data is what the message will be rendered from.
    expect(mailOf(unsent)).toMatchObject({ params: { name: 'Nom Rendu' }, purged: false });

    expect(await runRetention()).toEqual({ attendees: 0, deliveries: 0 });
  });
});
