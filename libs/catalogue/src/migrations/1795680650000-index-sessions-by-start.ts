import { MigrationInterface, QueryRunner } from 'typeorm';

/** The day-before attendee lists look up scheduled sessions by start time across offerings. */
export class IndexSessionsByStart1795680650000 implements MigrationInterface {
  name = 'IndexSessionsByStart1795680650000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX sessions_scheduled_start_idx ON sessions (starts_at) WHERE status = 'scheduled'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX sessions_scheduled_start_idx`);
  }
}
