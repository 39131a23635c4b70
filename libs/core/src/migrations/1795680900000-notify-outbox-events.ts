import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Wakes the outbox relay when events commit instead of leaving them for its next poll.
 * Statement-level with an empty payload: PostgreSQL delivers notifications at commit and folds
 * identical ones per transaction, so a transaction of many events sends at most one.
 */
export class NotifyOutboxEvents1795680900000 implements MigrationInterface {
  name = 'NotifyOutboxEvents1795680900000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION notify_outbox_events() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('outbox_events', '');
        RETURN NULL;
      END
      $$`);
    await db.query(`
      CREATE TRIGGER outbox_events_notify AFTER INSERT ON outbox_events
        FOR EACH STATEMENT EXECUTE FUNCTION notify_outbox_events()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER outbox_events_notify ON outbox_events`);
    await db.query(`DROP FUNCTION notify_outbox_events()`);
  }
}
