import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Satisfaction and evaluation surveys (Qualiopi indicators 30 and 32): when each session's hot
 * (at its end) and cold (some days later) surveys are due, who was invited (a trainee, or for
 * the cold one the organisation too) with a hashed link, and the one answer each may give.
 */
export class CreateTrainingSurveys1796207600000 implements MigrationInterface {
  name = 'CreateTrainingSurveys1796207600000';

  async up(db: QueryRunner): Promise<void> {
    // One row per session and stage: a SurveyDue event is written only when it is new or moves.
    await db.query(`
      CREATE TABLE training_survey_schedules (
        session_id uuid NOT NULL REFERENCES sessions (id),
        stage text NOT NULL CHECK (stage IN ('hot', 'cold')),
        due_at timestamptz NOT NULL,
        PRIMARY KEY (session_id, stage)
      )`);
    await db.query(`
      CREATE TABLE training_survey_invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES sessions (id),
        -- Kept from the session when invited: results are read per offering and per consultant.
        offering_id uuid NOT NULL REFERENCES offerings (id),
        consultant_id uuid NOT NULL REFERENCES users (id),
        stage text NOT NULL CHECK (stage IN ('hot', 'cold')),
        respondent text NOT NULL CHECK (respondent IN ('trainee', 'organisation')),
        booking_id uuid NOT NULL REFERENCES bookings (id),
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        attendee_id uuid REFERENCES booking_attendees (id),
        -- The organisation's contact (the booker); null for a trainee, who may have no account.
        -- No name nor address here: they are read from the booking and the account when needed,
        -- so erasing or anonymising those leaves nothing personal behind.
        user_id uuid REFERENCES users (id),
        -- SHA-256 of the link's secret, made when the mail is sent: the clear link is only in it.
        token_hash bytea UNIQUE,
        closes_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT training_survey_invitations_respondent_kind_check CHECK (
          (respondent = 'trainee') = (attendee_id IS NOT NULL)
          AND (respondent = 'trainee' OR stage = 'cold'))
      )`);
    // One invitation per person and survey: a replayed SurveyDue invites nobody twice.
    await db.query(
      `CREATE UNIQUE INDEX training_survey_invitations_trainee_key
         ON training_survey_invitations (session_id, stage, attendee_id) WHERE respondent = 'trainee'`,
    );
    await db.query(
      `CREATE UNIQUE INDEX training_survey_invitations_organisation_key
         ON training_survey_invitations (session_id, stage, organisation_id) WHERE respondent = 'organisation'`,
    );
    await db.query(
      `CREATE INDEX training_survey_invitations_session_idx ON training_survey_invitations (session_id, stage)`,
    );
    await db.query(
      `CREATE INDEX training_survey_invitations_offering_idx ON training_survey_invitations (offering_id)`,
    );
    await db.query(
      `CREATE INDEX training_survey_invitations_consultant_idx ON training_survey_invitations (consultant_id)`,
    );
    // The answer's key is its invitation's: one answer per person and survey, held by the database.
    await db.query(`
      CREATE TABLE training_survey_answers (
        invitation_id uuid PRIMARY KEY REFERENCES training_survey_invitations (id),
        stage text NOT NULL CHECK (stage IN ('hot', 'cold')),
        overall smallint NOT NULL CHECK (overall BETWEEN 1 AND 5),
        objectives_met smallint NOT NULL CHECK (objectives_met BETWEEN 1 AND 5),
        content smallint NOT NULL CHECK (content BETWEEN 1 AND 5),
        trainer smallint NOT NULL CHECK (trainer BETWEEN 1 AND 5),
        organisation smallint NOT NULL CHECK (organisation BETWEEN 1 AND 5),
        comment text CHECK (length(comment) <= 2000),
        -- The cold survey's own question: what was put into practice since.
        practice smallint CHECK (practice BETWEEN 1 AND 5),
        practice_comment text CHECK (length(practice_comment) <= 2000),
        answered_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT training_survey_answers_cold_only_check CHECK (
          CASE stage WHEN 'hot' THEN practice IS NULL AND practice_comment IS NULL
                     ELSE practice IS NOT NULL END)
      )`);
    // An answer is a record: never changed nor deleted.
    await db.query(`
      CREATE FUNCTION training_survey_answers_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a survey answer is never changed nor deleted' USING ERRCODE = 'restrict_violation';
      END $$`);
    await db.query(`
      CREATE TRIGGER training_survey_answers_immutable
        BEFORE UPDATE OR DELETE ON training_survey_answers
        FOR EACH ROW EXECUTE FUNCTION training_survey_answers_immutable()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE training_survey_answers`);
    await db.query(`DROP FUNCTION training_survey_answers_immutable()`);
    await db.query(`DROP TABLE training_survey_invitations`);
    await db.query(`DROP TABLE training_survey_schedules`);
  }
}
