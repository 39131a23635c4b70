import { MigrationInterface, QueryRunner } from 'typeorm';

/** Two-factor authentication: TOTP secrets (encrypted), recovery codes (hashed), sign-in challenges. */
export class CreateTwoFactor1796105000000 implements MigrationInterface {
  name = 'CreateTwoFactor1796105000000';

  async up(db: QueryRunner): Promise<void> {
    // One row per user: pending (enabled_at null) from the start of an enrolment until a code
    // confirms it. last_used_step refuses a code seen once already.
    await db.query(`
      CREATE TABLE user_totp (
        user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        secret_ciphertext text NOT NULL CHECK (secret_ciphertext LIKE 'v1:%'),
        enabled_at timestamptz,
        last_used_step bigint CHECK (last_used_step >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE user_recovery_codes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        code_hash text NOT NULL CHECK (code_hash ~ '^[0-9a-f]{64}$'),
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (user_id, code_hash)
      )`);
    // The second step of a sign-in: the token is stored hashed, used once, counts its failures.
    await db.query(`
      CREATE TABLE mfa_challenges (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        expires_at timestamptz NOT NULL,
        failed_attempts integer NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
        consumed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The per-user budget of failed codes sums the user's recent challenges.
    await db.query(
      `CREATE INDEX mfa_challenges_user_recent ON mfa_challenges (user_id, created_at)`,
    );
    await db.query(`CREATE INDEX mfa_challenges_expires ON mfa_challenges (expires_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE mfa_challenges`);
    await db.query(`DROP TABLE user_recovery_codes`);
    await db.query(`DROP TABLE user_totp`);
  }
}
