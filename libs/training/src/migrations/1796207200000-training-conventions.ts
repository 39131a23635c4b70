import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a booking's convention (or contrat de formation) says, frozen when it is issued: every
 * later version (the signed ones) is rendered from these terms, so a signature stamps exactly the
 * text the signer was shown even if the booking or the offering changes afterwards.
 */
export class TrainingConventions1796207200000 implements MigrationInterface {
  name = 'TrainingConventions1796207200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE training_conventions (
        booking_id uuid PRIMARY KEY REFERENCES bookings (id),
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        -- convention: an organisation pays (L6353-1, L6353-2); contrat: a person pays themselves (L6353-3).
        kind text NOT NULL CHECK (kind IN ('convention', 'contrat')),
        terms jsonb NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX training_conventions_organisation_idx ON training_conventions (organisation_id)`,
    );
    // The terms are the record the signatures stand on: never rewritten.
    await db.query(`
      CREATE FUNCTION training_conventions_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the terms of a convention are a stored record and cannot be changed';
      END $$`);
    await db.query(`
      CREATE TRIGGER training_conventions_frozen BEFORE UPDATE OR DELETE ON training_conventions
        FOR EACH ROW EXECUTE FUNCTION training_conventions_frozen()`);

    // One row per reminder planned, with the reminder event it was planned on (null for the
    // first, planned at issue): a replayed event plans its successor only once.
    await db.query(`
      CREATE TABLE training_convention_reminders (
        booking_id uuid NOT NULL REFERENCES training_conventions (booking_id),
        due_at timestamptz NOT NULL,
        planned_on_event uuid UNIQUE,
        PRIMARY KEY (booking_id, due_at)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE training_convention_reminders`);
    await db.query(`DROP TABLE training_conventions`);
    await db.query(`DROP FUNCTION training_conventions_frozen()`);
  }
}
