import { NestExpressApplication } from '@nestjs/platform-express';
import { Queue } from 'bullmq';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DEFAULT_JOB_OPTIONS } from '@mutualis/core';
import { insertOrganisations, insertPublishedSession } from '@mutualis/testing';
import { registerAndLogIn, TestUser } from '../support/api-client';
import { eventually } from '../support/expectations';
import { startWorkerHarness, WorkerHarness } from '../support/worker-harness';

// A delayed job can be lost (Redis flushed, a bug): the periodic sweep still frees the seats.
describe('the sweep expires holds whose delayed job was lost', () => {
  let harness: WorkerHarness;
  let app: NestExpressApplication;
  let queue: Queue;
  let db: DataSource;
  let booker: TestUser;

  beforeAll(async () => {
    harness = await startWorkerHarness('sweep', {
      BOOKING_HOLD_SECONDS: '5',
      BOOKING_SWEEP_SECONDS: '2',
    });
    ({ app, db } = harness);
    queue = new Queue('booking', {
      connection: { host: '127.0.0.1', port: 6379 },
      prefix: `${harness.environment.redisPrefix}:bull`,
    });
    booker = await registerAndLogIn(app, 'sweeper');
  });

  afterAll(async () => {
    await queue?.close();
    await harness?.stop();
  });

  it('expires the hold and offers the seat even though its expiry job was removed from Redis', async () => {
    const [first, second] = await insertOrganisations(db, booker.id, 2);
    const { sessionId } = await insertPublishedSession(db, { capacity: 1 });
    const book = (organisationId: string) =>
      request(app.getHttpServer())
        .post('/api/bookings')
        .auth(booker.accessToken, { type: 'bearer' })
        .send({
          organisationId,
          sessionId,
          attendees: [{ name: 'Hugo Lefèvre', email: 'hugo@test.mutualis.fr' }],
        })
        .expect(201);
    const held = await book(first);
    const waiting = await book(second);

    // Wait for the relay to enqueue the delayed expiry job, then lose it.
    const [{ id: eventId }] = await db.query<{ id: string }[]>(
      `SELECT id FROM outbox_events WHERE aggregate_id = $1 AND type = 'booking.hold-expiry-due'`,
      [held.body.id],
    );
    const job = await eventually(
      () => queue.getJob(eventId),
      (found) => found !== undefined,
      10_000,
    );
    expect(job).toBeDefined();
    expect(await job!.isDelayed()).toBe(true);
    // Relayed jobs are retried and cleaned up like every other job.
    expect(job!.opts).toMatchObject(DEFAULT_JOB_OPTIONS);
    await job!.remove();
    expect(await queue.getJob(eventId)).toBeUndefined();

    const statuses = await eventually(
      async () =>
        (
          await db.query<{ id: string; status: string }[]>(
            `SELECT id, status FROM bookings WHERE id = ANY($1) ORDER BY created_at`,
            [[held.body.id, waiting.body.id]],
          )
        ).map((row) => row.status),
      (value) => value[0] === 'expired',
      20_000,
    );
    expect(statuses).toEqual(['expired', 'offered']);
  });
});
