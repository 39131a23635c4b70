import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What an invoice says of its settlement when issued, kept as issued (the immutability trigger
 * covers these columns): the means of payment (EN 16931 BT-81), what was already paid (BT-113,
 * a card or SEPA payment that confirmed the booking; on a credit note, what is set off against
 * the invoice) and on which day, and what remains due (BT-115, to the Chambre on an invoice, to
 * the buyer on a credit note). Also the last day of a service over several days (BT-74), whether
 * a credit note is for a service that never took place, and no payment reference on credit notes.
 */
export class InvoiceSettlement1796203000000 implements MigrationInterface {
  name = 'InvoiceSettlement1796203000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE invoices
        ADD COLUMN payment_means text
          CHECK (payment_means IN ('card', 'sepa_debit', 'bank_transfer', 'cheque', 'administrative_mandate')),
        ADD COLUMN prepaid_amount_cents bigint NOT NULL DEFAULT 0 CHECK (prepaid_amount_cents >= 0),
        ADD COLUMN payable_amount_cents bigint,
        ADD COLUMN paid_on date,
        ADD COLUMN service_end_date date,
        ADD COLUMN service_cancelled boolean NOT NULL DEFAULT false,
        ALTER COLUMN payment_reference DROP NOT NULL`);
    // Every document issued so far asked its whole total («Net à payer», «Net en votre faveur»).
    // Recording that is no change to what they say: the trigger is set aside for this statement.
    await db.query(`ALTER TABLE invoices DISABLE TRIGGER invoices_immutable`);
    await db.query(
      `UPDATE invoices SET payable_amount_cents = total_incl_vat_cents WHERE status <> 'draft'`,
    );
    await db.query(`ALTER TABLE invoices ENABLE TRIGGER invoices_immutable`);
    await db.query(`
      ALTER TABLE invoices
        ADD CONSTRAINT invoices_settlement_adds_up CHECK (
          status = 'draft' OR (
            payable_amount_cents IS NOT NULL
            AND prepaid_amount_cents <= total_incl_vat_cents
            AND payable_amount_cents = total_incl_vat_cents - prepaid_amount_cents)),
        ADD CONSTRAINT invoices_paid_on_online CHECK (
          paid_on IS NULL OR payment_means IN ('card', 'sepa_debit')),
        ADD CONSTRAINT invoices_payable_by_reference CHECK (
          type = 'credit_note' OR payment_reference IS NOT NULL),
        ADD CONSTRAINT invoices_service_period CHECK (
          service_end_date IS NULL OR service_end_date > service_date),
        ADD CONSTRAINT invoices_cancelled_service_credited CHECK (
          NOT service_cancelled OR type = 'credit_note')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE invoices
        DROP CONSTRAINT invoices_cancelled_service_credited,
        DROP CONSTRAINT invoices_service_period,
        DROP CONSTRAINT invoices_payable_by_reference,
        DROP CONSTRAINT invoices_paid_on_online,
        DROP CONSTRAINT invoices_settlement_adds_up,
        DROP COLUMN service_cancelled,
        DROP COLUMN service_end_date,
        DROP COLUMN paid_on,
        DROP COLUMN payable_amount_cents,
        DROP COLUMN prepaid_amount_cents,
        DROP COLUMN payment_means`);
  }
}
