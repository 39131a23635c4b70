import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Chambre as a training body (Code du travail L6353-1 ff.): its settings, the documents it
 * generates for sessions and bookings (links to stored documents), the half-days a session is cut
 * into and each trainee's attendance on each. Bookings, attendees and sessions stay booking's and
 * catalogue's; these tables reference them.
 */
export class CreateTraining1796207100000 implements MigrationInterface {
  name = 'CreateTraining1796207100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE training_settings (
        chambre_id uuid PRIMARY KEY REFERENCES chambres (id),
        -- Days before a session that its convocations go (R6353-1: the trainee is told in advance).
        convocation_days_before smallint NOT NULL DEFAULT 7 CHECK (convocation_days_before BETWEEN 1 AND 60),
        -- Days after a session that the cold evaluation goes (Qualiopi indicator 30).
        cold_survey_days_after smallint NOT NULL DEFAULT 90 CHECK (cold_survey_days_after BETWEEN 1 AND 365),
        -- Whether a booking needs its convention signed by the organisation before the session.
        require_signed_convention boolean NOT NULL DEFAULT false,
        -- Minutes before and after a half-day during which its signing links work.
        signing_margin_minutes smallint NOT NULL DEFAULT 30 CHECK (signing_margin_minutes BETWEEN 0 AND 240),
        -- The person who signs conventions and certificates for the Chambre.
        signatory_user_id uuid REFERENCES users (id),
        signatory_name text CHECK (length(btrim(signatory_name)) BETWEEN 1 AND 200),
        signatory_capacity text CHECK (length(btrim(signatory_capacity)) BETWEEN 1 AND 200),
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE training_documents (
        document_id uuid PRIMARY KEY REFERENCES documents (id),
        kind text NOT NULL CHECK (kind IN ('programme', 'convention', 'convocation', 'attendance_sheet', 'attestation', 'certificate')),
        offering_id uuid NOT NULL REFERENCES offerings (id),
        session_id uuid REFERENCES sessions (id),
        booking_id uuid REFERENCES bookings (id),
        attendee_id uuid REFERENCES booking_attendees (id),
        organisation_id uuid REFERENCES organisations (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX training_documents_session_idx ON training_documents (session_id, kind, created_at) WHERE session_id IS NOT NULL`,
    );
    await db.query(
      `CREATE INDEX training_documents_booking_idx ON training_documents (booking_id, kind, created_at) WHERE booking_id IS NOT NULL`,
    );
    await db.query(
      `CREATE INDEX training_documents_attendee_idx ON training_documents (attendee_id, kind) WHERE attendee_id IS NOT NULL`,
    );
    await db.query(
      `CREATE INDEX training_documents_offering_idx ON training_documents (offering_id, kind, created_at)`,
    );
    await db.query(`
      CREATE TABLE training_half_days (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES sessions (id),
        -- The Paris calendar day and which half of it.
        day date NOT NULL,
        period text NOT NULL CHECK (period IN ('morning', 'afternoon')),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        -- The consultant's countersignature closes the half-day: no trainee signs after it.
        countersigned_at timestamptz,
        countersigned_by uuid REFERENCES users (id),
        countersigner_name text,
        countersignature_png bytea,
        CONSTRAINT training_half_days_span_check CHECK (ends_at > starts_at),
        CONSTRAINT training_half_days_countersign_check CHECK (
          (countersigned_at IS NULL) = (countersigned_by IS NULL)
          AND (countersigned_at IS NULL) = (countersigner_name IS NULL)),
        CONSTRAINT training_half_days_key UNIQUE (session_id, day, period)
      )`);
    await db.query(`
      CREATE TABLE training_attendance (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        half_day_id uuid NOT NULL REFERENCES training_half_days (id),
        attendee_id uuid NOT NULL REFERENCES booking_attendees (id),
        booking_id uuid NOT NULL REFERENCES bookings (id),
        status text NOT NULL CHECK (status IN ('present', 'absent')),
        -- The trainee's own signature (present only).
        signed_at timestamptz,
        signature_kind text CHECK (signature_kind IN ('drawn', 'typed')),
        signature_png bytea,
        typed_name text,
        -- Signed from outside the room; the consultant confirms presence with the countersignature.
        remote boolean NOT NULL DEFAULT false,
        -- A late arrival or early departure the consultant recorded, taken off the half-day's time.
        minutes_missed smallint NOT NULL DEFAULT 0 CHECK (minutes_missed >= 0),
        absence_reason text,
        -- The consultant or admin who recorded an absence or minutes missed.
        recorded_by uuid REFERENCES users (id),
        ip_address text,
        user_agent text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT training_attendance_key UNIQUE (half_day_id, attendee_id),
        CONSTRAINT training_attendance_signed_check CHECK (
          status = 'absent'
          OR (signed_at IS NOT NULL AND signature_kind IS NOT NULL
              AND (signature_png IS NOT NULL OR typed_name IS NOT NULL))),
        CONSTRAINT training_attendance_absence_check CHECK (
          status = 'present' OR (length(btrim(absence_reason)) BETWEEN 1 AND 500 AND signed_at IS NULL))
      )`);
    await db.query(
      `CREATE INDEX training_attendance_attendee_idx ON training_attendance (attendee_id)`,
    );
    await db.query(
      `CREATE INDEX training_half_days_open_idx ON training_half_days (starts_at) WHERE countersigned_at IS NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE training_attendance`);
    await db.query(`DROP TABLE training_half_days`);
    await db.query(`DROP TABLE training_documents`);
    await db.query(`DROP TABLE training_settings`);
  }
}
