import { randomBytes } from 'node:crypto';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Émargement as a record (issue 21 §4): a trainee's signature and the consultant's
 * countersignature can never be altered or removed, for every role (the triggers), and a
 * countersigned half-day is closed to new marks. Also the key signing links are derived from,
 * and the half-day openings already scheduled (one HalfDayOpening each).
 */
export class AttendanceRecords1796207300000 implements MigrationInterface {
  name = 'AttendanceRecords1796207300000';

  async up(db: QueryRunner): Promise<void> {
    // One row: links are HMAC(key, half-day, trainee), so they can be shown again (QR codes on the
    // consultant's page) without storing each one; kept in the database so api and worker agree.
    await db.query(`
      CREATE TABLE training_signing_key (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        secret bytea NOT NULL CHECK (length(secret) = 32),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`INSERT INTO training_signing_key (secret) VALUES ($1)`, [randomBytes(32)]);

    // The half-days whose HalfDayOpening is written: scheduling again writes nothing.
    await db.query(`
      CREATE TABLE training_half_day_openings (
        half_day_id uuid PRIMARY KEY REFERENCES training_half_days (id),
        opens_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE FUNCTION training_attendance_is_record() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE closed timestamptz;
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'attendance % is a record and cannot be deleted', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        SELECT countersigned_at INTO closed FROM training_half_days WHERE id = NEW.half_day_id;
        IF closed IS NOT NULL THEN
          RAISE EXCEPTION 'half-day % is countersigned: its attendance is closed', NEW.half_day_id
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        -- Until the countersignature the consultant may record minutes missed (and who did);
        -- nothing else of a mark, above all a signature, ever changes.
        IF TG_OP = 'UPDATE' AND ((
             NEW.half_day_id, NEW.attendee_id, NEW.booking_id, NEW.status, NEW.remote,
             NEW.absence_reason, NEW.ip_address, NEW.user_agent, NEW.created_at, NEW.id)
             IS DISTINCT FROM (
             OLD.half_day_id, OLD.attendee_id, OLD.booking_id, OLD.status, OLD.remote,
             OLD.absence_reason, OLD.ip_address, OLD.user_agent, OLD.created_at, OLD.id)
           OR NEW.signed_at IS DISTINCT FROM OLD.signed_at
           OR NEW.signature_kind IS DISTINCT FROM OLD.signature_kind
           OR NEW.signature_png IS DISTINCT FROM OLD.signature_png
           OR NEW.typed_name IS DISTINCT FROM OLD.typed_name) THEN
          RAISE EXCEPTION 'attendance % is a signed record: only minutes missed may change before the countersignature', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER training_attendance_is_record
      BEFORE INSERT OR UPDATE OR DELETE ON training_attendance
      FOR EACH ROW EXECUTE FUNCTION training_attendance_is_record()`);

    await db.query(`
      CREATE FUNCTION training_countersignature_is_record() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.countersigned_at IS NOT NULL THEN
          RAISE EXCEPTION 'half-day % is countersigned and cannot be changed or deleted', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER training_countersignature_is_record
      BEFORE UPDATE OR DELETE ON training_half_days
      FOR EACH ROW EXECUTE FUNCTION training_countersignature_is_record()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER training_countersignature_is_record ON training_half_days`);
    await db.query(`DROP FUNCTION training_countersignature_is_record`);
    await db.query(`DROP TRIGGER training_attendance_is_record ON training_attendance`);
    await db.query(`DROP FUNCTION training_attendance_is_record`);
    await db.query(`DROP TABLE training_half_day_openings`);
    await db.query(`DROP TABLE training_signing_key`);
  }
}
