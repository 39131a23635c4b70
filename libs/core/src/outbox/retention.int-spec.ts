import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createTestContext } from '@mutualis/testing';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { OutboxService } from './outbox.service';

describe('retention of delivered records', () => {
  let context: INestApplicationContext;
  let db: DataSource;

  beforeAll(async () => {
    context = await createTestContext([]);
    db = context.get(DataSource);
  });

  afterAll(async () => {
    await context.close();
  });

  it('deletes events published over 30 days ago, never unpublished or recent ones', async () => {
    const aggregate = (await db.query<{ id: string }[]>(`SELECT gen_random_uuid() AS id`))[0].id;
    await db.query(
      `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, occurred_at, published_at) VALUES
         ('test.old', 'test', $1, now() - interval '40 days', now() - interval '40 days'),
         ('test.recent', 'test', $1, now() - interval '2 days', now() - interval '2 days'),
         ('test.unpublished', 'test', $1, now() - interval '40 days', NULL)`,
      [aggregate],
    );
    expect(await context.get(OutboxService).purgePublished(30)).toBeGreaterThanOrEqual(1);
    const left = await db.query<{ type: string }[]>(
      `SELECT type FROM outbox_events WHERE aggregate_id = $1 ORDER BY type`,
      [aggregate],
    );
    expect(left.map((row) => row.type)).toEqual(['test.recent', 'test.unpublished']);
  });

  it('forgets idempotency keys after a day', async () => {
    const scope = `test:${Date.now()}`;
    await db.query(
      `INSERT INTO idempotency_keys (scope, key, request_hash, response_status, response_body, created_at) VALUES
         ($1, 'old', repeat('a', 64), 201, '{}', now() - interval '25 hours'),
         ($1, 'fresh', repeat('a', 64), 201, '{}', now() - interval '1 hour')`,
      [scope],
    );
    await context.get(IdempotencyService).purgeExpired();
    const left = await db.query<{ key: string }[]>(
      `SELECT key FROM idempotency_keys WHERE scope = $1`,
      [scope],
    );
    expect(left.map((row) => row.key)).toEqual(['fresh']);
  });
});
