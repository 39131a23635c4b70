import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An erased account keeps its row (bookings, invoices' requests and audit trails point at it)
 * with placeholders instead of its name and e-mail; erased_at says so, and makes a second
 * erasure a no-op.
 */
export class PersonalDataErasure1796106000000 implements MigrationInterface {
  name = 'PersonalDataErasure1796106000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users ADD COLUMN erased_at timestamptz`);
    await db.query(
      `ALTER TABLE users ADD CONSTRAINT users_erased_is_disabled CHECK (erased_at IS NULL OR disabled_at IS NOT NULL)`,
    );
    // Invitations addressed to someone are found by their address at erasure and export.
    await db.query(`CREATE INDEX invitations_email_idx ON invitations (lower(email))`);
    await db.query(`CREATE INDEX invitations_invited_by_idx ON invitations (invited_by)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX invitations_invited_by_idx`);
    await db.query(`DROP INDEX invitations_email_idx`);
    await db.query(`ALTER TABLE users DROP CONSTRAINT users_erased_is_disabled`);
    await db.query(`ALTER TABLE users DROP COLUMN erased_at`);
  }
}
