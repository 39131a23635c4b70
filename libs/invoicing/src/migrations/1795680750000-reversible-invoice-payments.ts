import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A payment recorded by mistake (a bank line allocated to the wrong invoice) is reversed, not
 * deleted: the row stays, marked with when and why, and no longer counts as paid.
 */
export class ReversibleInvoicePayments1795680750000 implements MigrationInterface {
  name = 'ReversibleInvoicePayments1795680750000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE invoice_payments ADD COLUMN reversed_at timestamptz`);
    // The accounting export reads the year's payments in date order.
    await db.query(
      `CREATE INDEX invoice_payments_received_idx ON invoice_payments (received_at, id)`,
    );
    // …and the year's invoices and credit notes in issue order.
    await db.query(
      `CREATE INDEX invoices_issued_on_idx ON invoices (issue_date, series, sequence) WHERE number IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX invoices_issued_on_idx`);
    await db.query(`DROP INDEX invoice_payments_received_idx`);
    await db.query(`ALTER TABLE invoice_payments DROP COLUMN reversed_at`);
  }
}
