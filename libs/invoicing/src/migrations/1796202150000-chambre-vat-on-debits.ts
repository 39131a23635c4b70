import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * VAT on services is due when the price is received (CGI art. 269, 2, c) unless the Chambre has
 * opted to pay it on its debits, that is when it invoices (same article; opt-in declared to its
 * tax office). The option changes what its invoices must say ("Option pour le paiement de la
 * taxe d'après les débits", CGI ann. II, art. 242 nonies A) and when the accounting makes VAT due.
 * Off by default: paying on receipts is the rule.
 */
export class ChambreVatOnDebits1796202150000 implements MigrationInterface {
  name = 'ChambreVatOnDebits1796202150000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE chambres ADD COLUMN vat_on_debits boolean NOT NULL DEFAULT false`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE chambres DROP COLUMN vat_on_debits`);
  }
}
