import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cotisations have their own account in the Chambre's chart: 756000 « Cotisations » (PCG art.
 * 756, ANC 2018-06 for associations), where the revenue of membership invoices and their credit
 * notes is posted, whatever their VAT (out of scope or taxable). A new role, added to every
 * Chambre's chart; finance may renumber it like any account.
 */
export class MembershipRevenueAccount1796206110000 implements MigrationInterface {
  name = 'MembershipRevenueAccount1796206110000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE accounting_accounts
        DROP CONSTRAINT accounting_accounts_role_check,
        ADD CONSTRAINT accounting_accounts_role_check CHECK (role IN ('customers', 'revenue_taxable',
          'revenue_exempt_training', 'revenue_other', 'revenue_membership', 'vat_pending',
          'vat_collected', 'bank', 'stripe', 'fees', 'deferred_income'))`);
    // A Chambre that already gave 756000 to another account keeps it: finance picks a number.
    await db.query(`
      INSERT INTO accounting_accounts (chambre_id, role, vat_rate_basis_points, number, label)
      SELECT chambres.id, 'revenue_membership', 0,
             CASE WHEN EXISTS (SELECT 1 FROM accounting_accounts taken
                                WHERE taken.chambre_id = chambres.id AND taken.number = '756000')
                  THEN '756100' ELSE '756000' END,
             'Cotisations'
        FROM chambres
      ON CONFLICT (chambre_id, role, vat_rate_basis_points) DO NOTHING`);
  }

  async down(db: QueryRunner): Promise<void> {
    // The role's account cannot be deleted (the chart keeps its roles): the trigger is set aside
    // for this one statement, inside the migration's transaction.
    await db.query(
      `ALTER TABLE accounting_accounts DISABLE TRIGGER accounting_accounts_keep_roles`,
    );
    await db.query(`DELETE FROM accounting_accounts WHERE role = 'revenue_membership'`);
    await db.query(`ALTER TABLE accounting_accounts ENABLE TRIGGER accounting_accounts_keep_roles`);
    await db.query(`
      ALTER TABLE accounting_accounts
        DROP CONSTRAINT accounting_accounts_role_check,
        ADD CONSTRAINT accounting_accounts_role_check CHECK (role IN ('customers', 'revenue_taxable',
          'revenue_exempt_training', 'revenue_other', 'vat_pending', 'vat_collected', 'bank',
          'stripe', 'fees', 'deferred_income'))`);
  }
}
