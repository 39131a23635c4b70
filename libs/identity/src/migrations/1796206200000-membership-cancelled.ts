import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A membership can be `cancelled`: the organisation left, its renewal was cancelled by a credit
 * note (never deleted). Like `lapsed` it gives no member price.
 */
export class MembershipCancelled1796206200000 implements MigrationInterface {
  name = 'MembershipCancelled1796206200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE memberships
        DROP CONSTRAINT memberships_status_check,
        ADD CONSTRAINT memberships_status_check
          CHECK (status IN ('pending', 'active', 'lapsed', 'cancelled'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE memberships
        DROP CONSTRAINT memberships_status_check,
        ADD CONSTRAINT memberships_status_check
          CHECK (status IN ('pending', 'active', 'lapsed'))`);
  }
}
