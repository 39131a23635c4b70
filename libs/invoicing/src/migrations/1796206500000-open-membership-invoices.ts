import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The nightly lapse reads the unpaid membership invoices of a year: a partial index keeps that
 * read to the open ones (a paid or cancelled invoice leaves it).
 */
export class OpenMembershipInvoices1796206500000 implements MigrationInterface {
  name = 'OpenMembershipInvoices1796206500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE INDEX invoices_open_membership_idx ON invoices (service_date, due_date)
       WHERE membership_id IS NOT NULL AND type = 'invoice' AND status IN ('issued', 'partially_paid')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX invoices_open_membership_idx`);
  }
}
