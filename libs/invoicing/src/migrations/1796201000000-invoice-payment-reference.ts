import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a payment came through on the payer's side (for a card or SEPA payment, the payments
 * context's record of the Stripe payment), so the books can date it and refer to Stripe's
 * object rather than to the invoice.
 */
export class InvoicePaymentReference1796201000000 implements MigrationInterface {
  name = 'InvoicePaymentReference1796201000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE invoice_payments ADD COLUMN reference text CHECK (length(reference) BETWEEN 1 AND 200)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE invoice_payments DROP COLUMN reference`);
  }
}
