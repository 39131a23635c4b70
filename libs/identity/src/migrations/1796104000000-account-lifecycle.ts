import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Account lifecycle: verified e-mail addresses, single-use links (verification, e-mail change,
 * password reset) and what a login session looks like to its owner.
 */
export class AccountLifecycle1796104000000 implements MigrationInterface {
  name = 'AccountLifecycle1796104000000';

  async up(db: QueryRunner): Promise<void> {
    // Accounts that exist already stay unverified: their address was never proven, and the
    // banner's "resend" button gets them a link.
    await db.query(`ALTER TABLE users ADD COLUMN email_verified_at timestamptz`);

    // token_hash stays null until the worker mints the link at send time: the token itself
    // never sits in an outbox row, a delivery log row or a job.
    await db.query(`
      CREATE TABLE account_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('email_verification', 'email_change', 'password_reset')),
        email text NOT NULL CHECK (email = btrim(email) AND email LIKE '%_@_%' AND length(email) <= 254),
        token_hash char(64),
        expires_at timestamptz NOT NULL,
        consumed_at timestamptz,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE UNIQUE INDEX account_tokens_token_hash_key ON account_tokens (token_hash) WHERE token_hash IS NOT NULL`,
    );
    await db.query(
      `CREATE INDEX account_tokens_user_purpose_idx ON account_tokens (user_id, purpose, created_at)`,
    );
    await db.query(`CREATE INDEX account_tokens_expires_at_idx ON account_tokens (expires_at)`);

    // One row per login session (refresh-token family): what its owner sees in "my sessions".
    // Revocation stays on refresh_tokens, the one definition of a live session.
    await db.query(`
      CREATE TABLE login_sessions (
        family_id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        user_agent text CHECK (length(user_agent) <= 512),
        client_address text CHECK (length(client_address) <= 64),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        last_used_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX login_sessions_user_id_idx ON login_sessions (user_id)`);
    await db.query(`CREATE INDEX login_sessions_last_used_at_idx ON login_sessions (last_used_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE login_sessions`);
    await db.query(`DROP TABLE account_tokens`);
    await db.query(`ALTER TABLE users DROP COLUMN email_verified_at`);
  }
}
