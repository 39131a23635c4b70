import { NestExpressApplication } from '@nestjs/platform-express';
import { Queue } from 'bullmq';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  createTestApp,
  insertOrganisations,
  insertPublishedSession,
  registerAndLogIn,
  TestUser,
} from '@mutualis/testing';
import {
  eventually,
  IsolatedEnvironment,
  isolatedEnvironment,
} from '../support/isolated-environment';
import {
  BUILT_WORKER,
  freePort,
  RunningProcess,
  startBuilt,
  waitForOk,
} from '../support/processes';

// A delayed job can be lost (Redis flushed, a bug): the periodic sweep still frees the seats.
describe('the sweep expires holds whose delayed job was lost', () => {
  let environment: IsolatedEnvironment;
  let app: NestExpressApplication;
  let worker: RunningProcess;
  let queue: Queue;
  let db: DataSource;
  let booker: TestUser;

  beforeAll(async () => {
    environment = await isolatedEnvironment('sweep');
    const env = {
      ...environment.env,
      BOOKING_HOLD_SECONDS: '5',
      BOOKING_SWEEP_SECONDS: '2',
      OUTBOX_POLL_MS: '50',
    };
    app = await createTestApp(env);
    db = app.get(DataSource);
    const port = await freePort();
    worker = startBuilt(BUILT_WORKER, {
      ...env,
      WORKER_HEALTH_PORT: String(port),
      HOST: '127.0.0.1',
    });
    await waitForOk(`http://127.0.0.1:${port}/health/ready`);
    queue = new Queue('booking', {
      connection: { host: '127.0.0.1', port: 6379 },
      prefix: `${environment.redisPrefix}:bull`,
    });
    booker = await registerAndLogIn(app, 'sweeper');
  });

  afterAll(async () => {
    worker?.child.kill('SIGTERM');
    await worker?.exited;
    await queue?.close();
    await app?.close();
    await environment?.drop();
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
