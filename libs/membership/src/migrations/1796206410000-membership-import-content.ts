import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An applied import runs in the worker, in batches: it needs the file (kept as the decoded text,
 * cleared once the import is done — it holds contact addresses) and how far it got, so that a
 * worker that crashes resumes after the last committed batch instead of starting over.
 */
export class MembershipImportContent1796206410000 implements MigrationInterface {
  name = 'MembershipImportContent1796206410000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE membership_imports
        ADD COLUMN content text,
        ADD COLUMN processed integer NOT NULL DEFAULT 0 CHECK (processed >= 0),
        ADD COLUMN error text,
        ADD CONSTRAINT membership_imports_processed_within_total CHECK (processed <= total),
        ADD CONSTRAINT membership_imports_counts CHECK (created >= 0 AND updated >= 0 AND refused >= 0)`);
    // The admin's list of imports, latest first.
    await db.query(
      `CREATE INDEX membership_imports_started ON membership_imports (chambre_id, started_at DESC)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX membership_imports_started`);
    await db.query(`
      ALTER TABLE membership_imports
        DROP CONSTRAINT membership_imports_counts,
        DROP CONSTRAINT membership_imports_processed_within_total,
        DROP COLUMN error,
        DROP COLUMN processed,
        DROP COLUMN content`);
  }
}
