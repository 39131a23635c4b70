import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The memberships of a year read as a set: the renewal campaign's candidates (active the year
 * before), the lapse after the grace date (pending ones), and the admin's roll of members by
 * status, paged in organisation order. The unique (organisation_id, year) index leads with the
 * organisation, which none of these filter on.
 */
export class MembershipRollIndexes1796206300000 implements MigrationInterface {
  name = 'MembershipRollIndexes1796206300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX memberships_year_status_org ON memberships (year, status, organisation_id)`,
    );
    await db.query(`CREATE INDEX memberships_year_org ON memberships (year, organisation_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX memberships_year_org`);
    await db.query(`DROP INDEX memberships_year_status_org`);
  }
}
