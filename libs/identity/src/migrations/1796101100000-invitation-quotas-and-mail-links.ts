import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invitations (issue 16, §1.6): the indexes the daily quotas count with, per organisation and
 * per inviting user; the hash of the link in the latest invitation e-mail, made by the worker
 * when it sends (the clear token is never stored); and the clear tokens that earlier
 * `identity.invitation-created` events carried, removed from the outbox.
 */
export class InvitationQuotasAndMailLinks1796101100000 implements MigrationInterface {
  name = 'InvitationQuotasAndMailLinks1796101100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX invitations_organisation_created_at_idx ON invitations (organisation_id, created_at)`,
    );
    await db.query(
      `CREATE INDEX invitations_invited_by_created_at_idx ON invitations (invited_by, created_at)`,
    );
    await db.query(`ALTER TABLE invitations ADD COLUMN mail_token_hash char(64)`);
    await db.query(
      `CREATE UNIQUE INDEX invitations_mail_token_hash_key ON invitations (mail_token_hash)`,
    );
    await db.query(`
      UPDATE outbox_events SET payload = payload - 'token'
       WHERE type = 'identity.invitation-created' AND payload ? 'token'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX invitations_mail_token_hash_key`);
    await db.query(`ALTER TABLE invitations DROP COLUMN mail_token_hash`);
    await db.query(`DROP INDEX invitations_invited_by_created_at_idx`);
    await db.query(`DROP INDEX invitations_organisation_created_at_idx`);
  }
}
