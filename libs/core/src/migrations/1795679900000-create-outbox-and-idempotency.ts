import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox (events written with the change they announce, relayed to BullMQ
 * after commit) and the record of Idempotency-Key requests with their first response.
 */
export class CreateOutboxAndIdempotency1795679900000 implements MigrationInterface {
  name = 'CreateOutboxAndIdempotency1795679900000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE outbox_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type text NOT NULL CHECK (type ~ '^[a-z]+(\\.[a-z-]+)+$'),
        aggregate_type text NOT NULL,
        aggregate_id uuid NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz(3) NOT NULL DEFAULT now(),
        -- Scheduled work (a hold that expires) is delivered no earlier than this.
        deliver_at timestamptz,
        published_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    // The relay only ever reads what is left to publish, oldest first.
    await db.query(
      `CREATE INDEX outbox_events_unpublished_idx ON outbox_events (occurred_at, id) WHERE published_at IS NULL`,
    );
    await db.query(
      `CREATE INDEX outbox_events_aggregate_idx ON outbox_events (aggregate_id, occurred_at)`,
    );
    await db.query(
      `CREATE INDEX outbox_events_published_idx ON outbox_events (published_at) WHERE published_at IS NOT NULL`,
    );

    await db.query(`
      CREATE TABLE idempotency_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        scope text NOT NULL,
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
        request_hash char(64) NOT NULL,
        response_status smallint NOT NULL,
        response_body jsonb NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT idempotency_keys_scope_key UNIQUE (scope, key)
      )`);
    await db.query(`CREATE INDEX idempotency_keys_created_at_idx ON idempotency_keys (created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE idempotency_keys`);
    await db.query(`DROP TABLE outbox_events`);
  }
}
