import { MigrationInterface, QueryRunner } from 'typeorm';

/** Money received against an invoice, once per source (a payment event), so replays add nothing. */
export class CreateInvoicePayments1795680600000 implements MigrationInterface {
  name = 'CreateInvoicePayments1795680600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE invoice_payments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        invoice_id uuid NOT NULL REFERENCES invoices (id),
        source text NOT NULL,
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        method text NOT NULL CHECK (method IN ('card', 'sepa_debit', 'bank_transfer', 'cheque', 'administrative_mandate')),
        received_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT invoice_payments_source_key UNIQUE (source)
      )`);
    await db.query(`CREATE INDEX invoice_payments_invoice_idx ON invoice_payments (invoice_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE invoice_payments`);
  }
}
