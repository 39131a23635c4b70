import { INestApplicationContext, Module } from '@nestjs/common';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { createTestContext } from '@mutualis/testing';
import { eventually } from '../../../../test/support/expectations';
import {
  IsolatedEnvironment,
  isolatedEnvironment,
} from '../../../../test/support/isolated-environment';
import { freePort } from '../../../../test/support/processes';
import { DisposableRedis } from '../../../../test/support/redis-server';
import type { DomainEvent } from '../events/catalogue';
import { EVENT_ROUTES_TOKEN } from '../events/handler-registry';
import { QueueName } from '../queue/queue-names';
import { redisConnectionOptions } from '../queue/queue.module';
import { OutboxRelay } from './outbox-relay';
import { OutboxService } from './outbox.service';

/**
 * The relay's mechanics do not depend on the catalogue: one made-up type, routed to the booking
 * queue as a hold's expiry is, stands for any event (core cannot name a context's events).
 */
const RELAYED_TYPE = 'test.relayed';

@Module({
  providers: [
    OutboxRelay,
    { provide: EVENT_ROUTES_TOKEN, useValue: { [RELAYED_TYPE]: [QueueName.Booking] } },
  ],
})
class RelayModule {}

// A poll far longer than the tests: an event relayed within seconds was woken by its commit.
const POLL_MS = '60000';
const WAKE_MS = 2_000;

describe('the outbox relay', () => {
  let environment: IsolatedEnvironment;
  // A Redis of its own, which these tests pause and stop without disturbing anyone else's.
  let redis: DisposableRedis;
  let relay: INestApplicationContext;
  let db: DataSource;
  let bookingQueue: Queue;

  /** A worker's relay on this file's own database: a relay takes every event of its database. */
  async function startRelay(): Promise<INestApplicationContext> {
    const saved = process.env;
    process.env = {
      ...saved,
      ...environment.env,
      REDIS_URL: redis.url,
      OUTBOX_POLL_MS: POLL_MS,
    };
    try {
      return await createTestContext([RelayModule]);
    } finally {
      process.env = saved;
    }
  }

  async function listeners(): Promise<number[]> {
    const rows = await db.query<{ pid: number }[]>(
      `SELECT pid FROM pg_stat_activity
        WHERE datname = current_database() AND application_name LIKE 'outbox-listener:%'
          AND query LIKE 'LISTEN%'
        ORDER BY pid`,
    );
    return rows.map((row) => row.pid);
  }

  /** Commits `count` transactions of `perTransaction` hold-expiry events each, concurrently. */
  async function commitEvents(count: number, perTransaction = 1): Promise<string[]> {
    const outbox = relay.get(OutboxService);
    const aggregates = await Promise.all(
      Array.from({ length: count }, () =>
        db.transaction(async (manager) => {
          const [{ id }] = await manager.query<{ id: string }[]>(`SELECT gen_random_uuid() AS id`);
          const events = Array.from(
            { length: perTransaction },
            () =>
              ({
                type: RELAYED_TYPE,
                aggregateType: 'booking',
                aggregateId: id,
                deliverAt: new Date(Date.now() + 30 * 60_000),
              }) as unknown as DomainEvent,
          );
          await outbox.record(manager, ...events);
          return id;
        }),
      ),
    );
    const rows = await db.query<{ id: string }[]>(
      `SELECT id FROM outbox_events WHERE aggregate_id = ANY($1)`,
      [aggregates],
    );
    return rows.map((row) => row.id);
  }

  async function unpublished(ids: string[]): Promise<number> {
    const [row] = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM outbox_events WHERE id = ANY($1) AND published_at IS NULL`,
      [ids],
    );
    return row.n;
  }

  async function jobsInRedis(ids: string[]): Promise<number> {
    const jobs = await Promise.all(ids.map((id) => bookingQueue.getJob(id)));
    return jobs.filter((job) => job !== undefined).length;
  }

  beforeAll(async () => {
    redis = new DisposableRedis(await freePort());
    await redis.start();
    environment = await isolatedEnvironment('relay');
    relay = await startRelay();
    db = relay.get(DataSource);
    bookingQueue = new Queue(QueueName.Booking, {
      connection: redisConnectionOptions(redis.url),
      prefix: `${environment.redisPrefix}:bull`,
    });
    expect(await eventually(listeners, (pids) => pids.length === 1)).toHaveLength(1);
  });

  afterAll(async () => {
    await bookingQueue?.close();
    await relay?.close();
    await environment?.drop();
    await redis?.stop();
  });

  /** Every event published, and its job in Redis, within WAKE_MS (far sooner than a poll) unless told. */
  async function expectRelayed(ids: string[], withinMs = WAKE_MS): Promise<void> {
    expect(
      await eventually(
        () => unpublished(ids),
        (n) => n === 0,
        withinMs,
      ),
    ).toBe(0);
    expect(await jobsInRedis(ids)).toBe(ids.length);
  }

  it('relays a committed event at once, without waiting for the next poll', async () => {
    const ids = await commitEvents(1);
    await expectRelayed(ids);
  });

  it('runs another batch for an event committed while one is being published', async () => {
    // Redis holds every command for a while, so the relay's batch stays open, its rows locked.
    const admin = new Redis(redis.url);
    await admin.call('CLIENT', 'PAUSE', '1500', 'ALL');
    admin.disconnect();
    const first = await commitEvents(1);
    const publishing = await eventually(
      async () => {
        const [row] = await db.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND state = 'idle in transaction'
              AND query LIKE '%FOR UPDATE SKIP LOCKED%'`,
        );
        return row.n;
      },
      (n) => n === 1,
      WAKE_MS,
    );
    expect(publishing).toBe(1);
    const second = await commitEvents(1);
    const ids = [...first, ...second];
    expect(
      await eventually(
        () => unpublished(ids),
        (n) => n === 0,
        1_500 + WAKE_MS,
      ),
    ).toBe(0);
    expect(await jobsInRedis(ids)).toBe(2);
  });

  it('loses no event when many transactions commit at once', async () => {
    const ids = await commitEvents(60, 5);
    await expectRelayed(ids, WAKE_MS * 2);
  });

  it('keeps events while Redis is down and relays them once it is back', async () => {
    await redis.stop();
    const ids = await commitEvents(3);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await unpublished(ids)).toBe(3);
    await redis.start();
    // The relay retries on its backoff (5 s at most), not on each notification.
    await expectRelayed(ids, 10_000);
  });

  it('reconnects its listener when the connection is killed, and wakes on commit again', async () => {
    const [killed] = await listeners();
    const [{ terminated }] = await db.query<{ terminated: boolean }[]>(
      `SELECT pg_terminate_backend($1) AS terminated`,
      [killed],
    );
    expect(terminated).toBe(true);
    const replaced = await eventually(
      listeners,
      (pids) => pids.length === 1 && pids[0] !== killed,
      10_000,
    );
    expect(replaced).toHaveLength(1);
    expect(replaced).not.toContain(killed);

    const ids = await commitEvents(1);
    await expectRelayed(ids);
  });

  it('publishes each event once when several relays wake on the same commits', async () => {
    const second = await startRelay();
    try {
      expect(await eventually(listeners, (pids) => pids.length === 2)).toHaveLength(2);
      const ids = await commitEvents(40, 3);
      await expectRelayed(ids, WAKE_MS * 2);
      const [{ attempts }] = await db.query<{ attempts: number[] }[]>(
        `SELECT array_agg(DISTINCT attempts) AS attempts FROM outbox_events WHERE id = ANY($1)`,
        [ids],
      );
      expect(attempts).toEqual([1]);
    } finally {
      await second.close();
    }
  });
});
