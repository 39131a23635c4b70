import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The delivery log (one row per message: what was sent to whom for which event, and how it
 * went) and each user's e-mail preferences. The unique key (event_key, recipient) is what
 * makes "never the same event to the same recipient twice" hold under replays and races.
 */
export class CreateNotifications1795680700000 implements MigrationInterface {
  name = 'CreateNotifications1795680700000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE notification_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_key text NOT NULL CHECK (length(event_key) BETWEEN 1 AND 200),
        recipient text NOT NULL CHECK (recipient = lower(recipient) AND position('@' IN recipient) > 1),
        user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        template text NOT NULL,
        locale text NOT NULL CHECK (locale IN ('fr', 'en')),
        params jsonb NOT NULL,
        attachments jsonb NOT NULL DEFAULT '[]',
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        smtp_message_id text,
        last_error text,
        -- Milliseconds, so the list's keyset cursor (a JS Date) is exact.
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        CONSTRAINT notification_deliveries_event_recipient_key UNIQUE (event_key, recipient),
        CONSTRAINT notification_deliveries_sent_at_when_sent CHECK ((status = 'sent') = (sent_at IS NOT NULL))
      )`);
    // The admin list filters by status, newest first; a recipient's history by address.
    await db.query(
      `CREATE INDEX notification_deliveries_status_idx ON notification_deliveries (status, created_at DESC, id DESC)`,
    );
    await db.query(
      `CREATE INDEX notification_deliveries_recipient_idx ON notification_deliveries (recipient, created_at DESC)`,
    );
    await db.query(
      `CREATE INDEX notification_deliveries_user_idx ON notification_deliveries (user_id) WHERE user_id IS NOT NULL`,
    );
    await db.query(`
      CREATE TABLE notification_preferences (
        user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        session_reminders boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE notification_preferences`);
    await db.query(`DROP TABLE notification_deliveries`);
  }
}
