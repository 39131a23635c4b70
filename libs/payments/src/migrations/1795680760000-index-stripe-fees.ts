import { MigrationInterface, QueryRunner } from 'typeorm';

/** The accounting export reads a year's Stripe fees by date. */
export class IndexStripeFees1795680760000 implements MigrationInterface {
  name = 'IndexStripeFees1795680760000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX payments_fees_idx ON payments (created_at) WHERE provider = 'stripe' AND stripe_fee_cents > 0`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX payments_fees_idx`);
  }
}
