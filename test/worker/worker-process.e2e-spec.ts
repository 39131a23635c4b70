import { Job, Queue, QueueEvents } from 'bullmq';
import { Client } from 'pg';
import { IsolatedEnvironment, isolatedEnvironment } from '../support/isolated-environment';
import {
  freePort,
  RunningProcess,
  startBuilt,
  BUILT_WORKER,
  waitForOk,
} from '../support/processes';

const PURGE_JOB = 'identity.purge-expired-credentials';

// The built worker as it runs in production: a separate process on the run's database and Redis.
describe('worker process', () => {
  let worker: RunningProcess;
  let port: number;
  let queue: Queue;
  let events: QueueEvents;
  let database: Client;
  let environment: IsolatedEnvironment;
  let prefix: string;
  const connection = { host: '127.0.0.1', port: 6379 };

  beforeAll(async () => {
    // Its own database and prefix: the worker relays every outbox event of its database.
    environment = await isolatedEnvironment('process');
    prefix = `${environment.redisPrefix}:bull`;
    port = await freePort();
    worker = startBuilt(BUILT_WORKER, {
      ...environment.env,
      WORKER_HEALTH_PORT: String(port),
      HOST: '127.0.0.1',
    });
    queue = new Queue('maintenance', { connection, prefix });
    events = new QueueEvents('maintenance', { connection, prefix });
    database = new Client({ connectionString: environment.databaseUrl });
    await Promise.all([database.connect(), events.waitUntilReady()]);
  });

  afterAll(async () => {
    if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    await Promise.all([queue.close(), events.close(), database.end()]);
    await environment.drop();
  });

  it('starts and reports ready once PostgreSQL and Redis answer', async () => {
    await waitForOk(`http://127.0.0.1:${port}/health/ready`);
    const body = await (await fetch(`http://127.0.0.1:${port}/health/ready`)).json();
    expect(body).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up' } });
  });

  it('registers its nightly job scheduler in Redis', async () => {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: PURGE_JOB, pattern: '30 3 * * *', tz: 'Europe/Paris' }),
      ]),
    );
  });

  it('processes a real job: the purge deletes credentials dead for over 30 days, and only those', async () => {
    const { rows } = await database.query<{ id: string }>(
      `INSERT INTO users (email, name, password_hash) VALUES ($1, 'Purge test', 'x') RETURNING id`,
      [`purge-${Date.now()}@test.mutualis.fr`],
    );
    const userId = rows[0].id;
    await database.query(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at)
       VALUES ($1, gen_random_uuid(), repeat('a', 63) || '1', now() - interval '31 days'),
              ($1, gen_random_uuid(), repeat('a', 63) || '2', now() - interval '29 days'),
              ($1, gen_random_uuid(), repeat('a', 63) || '3', now() + interval '10 days')`,
      [userId],
    );

    const job: Job = await queue.add(PURGE_JOB, {}, { jobId: `test-purge-${Date.now()}` });
    const result = await job.waitUntilFinished(events, 15_000);

    expect(result).toMatchObject({ refreshTokens: 1 });
    const left = await database.query(
      `SELECT token_hash FROM refresh_tokens WHERE user_id = $1 ORDER BY 1`,
      [userId],
    );
    expect(left.rows.map((row) => row.token_hash.slice(-1))).toEqual(['2', '3']);
  });

  it('stops cleanly on SIGTERM: exit code 0, connections closed', async () => {
    worker.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const exit = await Promise.race([
      worker.exited,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('worker did not stop within 15 s')), 15_000);
      }),
    ]).finally(() => clearTimeout(timer));
    expect(exit).toEqual({ code: 0, signal: null });
    expect(worker.output()).toContain('worker stopped cleanly');
    expect(worker.output()).not.toMatch(/"level":(50|60)/);
    const sessions = await database.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'mutualis-worker' AND datname = current_database()`,
    );
    expect(sessions.rows[0].n).toBe(0);
  });
});
