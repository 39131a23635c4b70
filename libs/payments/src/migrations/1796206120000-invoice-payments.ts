import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A card payment may pay an issued invoice that bills no booking (a membership's cotisation):
 * its row names the invoice and no booking. Every payment names at least one of the two (a bank
 * transfer at checkout names both). Open card attempts of an invoice are found by its id, so a
 * second request hands back the same Checkout page; and an invoice has at most one attempt in
 * flight (a Checkout page open, or a SEPA debit on its way), so two clicks at once cannot open
 * two pages that would both be paid.
 */
export class InvoicePayments1796206120000 implements MigrationInterface {
  name = 'InvoicePayments1796206120000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE payments
        ALTER COLUMN booking_id DROP NOT NULL,
        ADD CONSTRAINT payments_pay_booking_or_invoice CHECK (booking_id IS NOT NULL OR invoice_id IS NOT NULL)`);
    await db.query(
      `CREATE INDEX payments_invoice_idx ON payments (invoice_id, created_at) WHERE invoice_id IS NOT NULL`,
    );
    await db.query(`
      CREATE UNIQUE INDEX payments_one_open_invoice_checkout ON payments (invoice_id)
       WHERE booking_id IS NULL AND provider = 'stripe' AND status IN ('pending', 'processing')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX payments_one_open_invoice_checkout`);
    await db.query(`DROP INDEX payments_invoice_idx`);
    // Refused while a payment of an invoice without a booking exists: nothing is dropped silently.
    await db.query(`
      ALTER TABLE payments
        DROP CONSTRAINT payments_pay_booking_or_invoice,
        ALTER COLUMN booking_id SET NOT NULL`);
  }
}
