import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A training's pedagogical content (R6353-1: objectives, prerequisites, public, programme by
 * module, teaching and evaluation methods, accessibility and its referent, access time, what to
 * bring), one JSON object on the offering and on its revisions (the Chambre moderates it like the
 * wording). Checked complete by the application when a training is submitted; the database only
 * keeps it an object. Null: not written yet (consultations, drafts, older revisions).
 */
export class OfferingPedagogy1796207500000 implements MigrationInterface {
  name = 'OfferingPedagogy1796207500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE offerings
        ADD COLUMN pedagogy jsonb CHECK (pedagogy IS NULL OR jsonb_typeof(pedagogy) = 'object')`);
    await db.query(`
      ALTER TABLE offering_revisions
        ADD COLUMN pedagogy jsonb CHECK (pedagogy IS NULL OR jsonb_typeof(pedagogy) = 'object')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE offering_revisions DROP COLUMN pedagogy`);
    await db.query(`ALTER TABLE offerings DROP COLUMN pedagogy`);
  }
}
