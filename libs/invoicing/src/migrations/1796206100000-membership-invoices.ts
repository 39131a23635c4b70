import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Membership invoices (cotisations) are invoices like the others, in the same series: an invoice
 * names the membership (identity's `memberships` row, one organisation and one year) it bills,
 * and a credit note of it names the same membership, so accounting posts both to the
 * cotisations' account and membership sees a cancellation. A document bills a booking or a
 * membership, never both; one invoice per membership (credit notes apart), so a relaunched
 * campaign or two workers at once issue it once.
 *
 * Lines carry a new VAT regime, `out_of_scope_membership` (a cotisation without individual
 * consideration, art. 256 du CGI: category O, VATEX-EU-O); the CHECKs listing the regimes grow.
 *
 * The new column is null on every existing row: adding it changes no issued invoice (ALTER TABLE
 * fires no row trigger, and the immutability trigger compares whole rows, equal on both sides).
 */
export class MembershipInvoices1796206100000 implements MigrationInterface {
  name = 'MembershipInvoices1796206100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE invoices
        ADD COLUMN membership_id uuid REFERENCES memberships (id),
        ADD CONSTRAINT invoices_bills_one_thing CHECK (booking_id IS NULL OR membership_id IS NULL)`);
    await db.query(
      `CREATE UNIQUE INDEX invoices_one_per_membership ON invoices (membership_id) WHERE type = 'invoice'`,
    );
    // The credit notes of a membership (a member who left), and the invoices membership reads.
    await db.query(
      `CREATE INDEX invoices_membership_idx ON invoices (membership_id) WHERE membership_id IS NOT NULL`,
    );

    await db.query(`
      ALTER TABLE invoice_lines
        DROP CONSTRAINT invoice_lines_vat_regime_known,
        DROP CONSTRAINT invoice_lines_vatex_code,
        ADD CONSTRAINT invoice_lines_vat_regime_known CHECK (vat_regime IN (
          'standard', 'exempt_training', 'exempt_members', 'out_of_scope_disbursement',
          'out_of_scope_subsidy', 'out_of_scope_membership', 'franchise', 'not_subject')),
        ADD CONSTRAINT invoice_lines_vatex_code CHECK (vatex_code IS NOT DISTINCT FROM ${VATEX_OF('vat_regime')})`);
    // invoice_lines_vat_regime_category already gives O to every regime not listed as S or E.
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE invoice_lines
        DROP CONSTRAINT invoice_lines_vat_regime_known,
        DROP CONSTRAINT invoice_lines_vatex_code,
        ADD CONSTRAINT invoice_lines_vat_regime_known CHECK (vat_regime IN (
          'standard', 'exempt_training', 'exempt_members', 'out_of_scope_disbursement',
          'out_of_scope_subsidy', 'franchise', 'not_subject')),
        ADD CONSTRAINT invoice_lines_vatex_code CHECK (vatex_code IS NOT DISTINCT FROM ${VATEX_OF('vat_regime', false)})`);
    await db.query(`DROP INDEX invoices_membership_idx`);
    await db.query(`DROP INDEX invoices_one_per_membership`);
    await db.query(
      `ALTER TABLE invoices DROP CONSTRAINT invoices_bills_one_thing, DROP COLUMN membership_id`,
    );
  }
}

function VATEX_OF(column: string, membership = true): string {
  return `CASE ${column}
    WHEN 'exempt_training' THEN 'VATEX-FR-CGI261-4'
    WHEN 'exempt_members' THEN 'VATEX-FR-CGI261-7'
    WHEN 'franchise' THEN 'VATEX-FR-FRANCHISE'
    WHEN 'out_of_scope_disbursement' THEN 'VATEX-EU-O'
    WHEN 'out_of_scope_subsidy' THEN 'VATEX-EU-O'
    ${membership ? `WHEN 'out_of_scope_membership' THEN 'VATEX-EU-O'` : ''}
    WHEN 'not_subject' THEN 'VATEX-EU-O'
  END`;
}
