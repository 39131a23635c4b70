import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the application lists need: created_at to the millisecond, like every listed table, so
 * a keyset cursor (a JS Date) holds it exactly; an index for an organisation's own list (newest
 * first), and one for the admin's list when it is not filtered by status.
 */
export class MembershipApplicationLists1796206200100 implements MigrationInterface {
  name = 'MembershipApplicationLists1796206200100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE membership_applications ALTER COLUMN created_at TYPE timestamptz(3)`);
    await db.query(`
      CREATE INDEX membership_applications_organisation
        ON membership_applications (organisation_id, created_at)`);
    await db.query(`
      CREATE INDEX membership_applications_all
        ON membership_applications (chambre_id, created_at, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX membership_applications_all`);
    await db.query(`DROP INDEX membership_applications_organisation`);
    await db.query(`
      ALTER TABLE membership_applications ALTER COLUMN created_at TYPE timestamptz`);
  }
}
