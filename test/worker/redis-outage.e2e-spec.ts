import { NestExpressApplication } from '@nestjs/platform-express';
import { Queue } from 'bullmq';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { insertOrganisations, insertPublishedSession } from '@mutualis/testing';
import { registerAndLogIn, TestUser } from '../support/api-client';
import { eventually } from '../support/expectations';
import { freePort } from '../support/processes';
import { DisposableRedis } from '../support/redis-server';
import { startWorkerHarness, WorkerHarness } from '../support/worker-harness';

// Redis being down delays work but loses none: bookings still succeed (their events wait in
// the outbox table), and the worker's relay delivers them, once each, when Redis is back.
describe('a Redis outage', () => {
  let harness: WorkerHarness;
  let redis: DisposableRedis;
  let app: NestExpressApplication;
  let db: DataSource;
  let booker: TestUser;

  beforeAll(async () => {
    redis = new DisposableRedis(await freePort());
    await redis.start();
    harness = await startWorkerHarness('outage', { REDIS_URL: redis.url });
    ({ app, db } = harness);
    booker = await registerAndLogIn(app, 'outage');
  });

  afterAll(async () => {
    await harness?.stop();
    await redis?.stop();
  });

  async function unpublished(bookingIds: string[]): Promise<number> {
    const [row] = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM outbox_events WHERE aggregate_id = ANY($1) AND published_at IS NULL`,
      [bookingIds],
    );
    return row.n;
  }

  it('keeps taking bookings while Redis is down and relays their events once it is back, each once', async () => {
    const organisations = await insertOrganisations(db, booker.id, 3);
    const { sessionId } = await insertPublishedSession(db, { capacity: 10 });

    await redis.stop();
    const bookings: string[] = [];
    for (const organisationId of organisations) {
      const response = await request(app.getHttpServer())
        .post('/api/bookings')
        .auth(booker.accessToken, { type: 'bearer' })
        .send({
          organisationId,
          sessionId,
          attendees: [{ name: 'Inès Moreau', email: 'ines@test.mutualis.fr' }],
        });
      expect({ status: response.status, body: response.body.status }).toEqual({
        status: 201,
        body: 'pending_payment',
      });
      bookings.push(response.body.id);
    }
    // Two events each (created, hold-expiry-due), all waiting in PostgreSQL while Redis is away.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await unpublished(bookings)).toBe(6);

    await redis.start();
    expect(
      await eventually(
        () => unpublished(bookings),
        (count) => count === 0,
        30_000,
      ),
    ).toBe(0);

    const connection = { host: '127.0.0.1', port: redis.port };
    const prefix = `${harness.environment.redisPrefix}:bull`;
    const notifications = new Queue('notifications', { connection, prefix });
    const booking = new Queue('booking', { connection, prefix });
    try {
      const events = await db.query<{ id: string; type: string }[]>(
        `SELECT id, type FROM outbox_events WHERE aggregate_id = ANY($1) ORDER BY occurred_at`,
        [bookings],
      );
      for (const event of events) {
        const queue = event.type === 'booking.created' ? notifications : booking;
        const job = await queue.getJob(event.id);
        expect({ event: event.type, jobName: job?.name }).toEqual({
          event: event.type,
          jobName: event.type,
        });
      }
      // One job per event: the event id is the job id, so nothing was added twice. (The queue
      // also holds the mail those events planned, and its own scheduled jobs.)
      const created = (
        await notifications.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'])
      ).filter((job) => job.name === 'booking.created');
      expect(created).toHaveLength(3);
      const expiries = (
        await booking.getJobs(['delayed', 'waiting', 'active', 'completed'])
      ).filter((job) => job.name === 'booking.hold-expiry-due');
      expect(expiries).toHaveLength(3);
    } finally {
      await Promise.all([notifications.close(), booking.close()]);
    }
    // The worker went through the outage and is still healthy.
    expect(harness.workers[0].child.exitCode).toBeNull();
  });
});
