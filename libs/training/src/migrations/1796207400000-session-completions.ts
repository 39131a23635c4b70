import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When each training session's end was scheduled (its `training.session-ended` due event) and
 * when its completion documents were made: the row is the idempotency key of both, so a
 * redelivered or duplicate event makes nothing twice and a moved session is scheduled again.
 */
export class SessionCompletions1796207400000 implements MigrationInterface {
  name = 'SessionCompletions1796207400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE training_session_completions (
        session_id uuid PRIMARY KEY REFERENCES sessions (id),
        -- The session's end the latest SessionEnded event was written for (deliver_at).
        due_at timestamptz NOT NULL,
        -- When the attendance sheet, attestations and certificates were made (once).
        completed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The sweep's path: the sessions still to complete (few at any time).
    await db.query(
      `CREATE INDEX training_session_completions_pending_idx ON training_session_completions (due_at) WHERE completed_at IS NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE training_session_completions`);
  }
}
