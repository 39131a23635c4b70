import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Chambre's identifiers are printed on every invoice: its SIREN (the SIRET's first 9
 * digits) passes its Luhn check and its VAT number is the French one of that SIREN. The
 * database refuses a Chambre marked reviewed (`configured`) without them.
 *
 * A Chambre reviewed with wrong identifiers (the made-up FR00000000000 of the first migration,
 * a mistyped key) is not rewritten: only its administrators know the right values. It goes back
 * to "not reviewed", so that invoices wait, as they did before the first review, instead of
 * misstating the seller; the admin's next PUT /api/chambre, now validated, reviews it again.
 * The audit log says when and why (action chambre.updated, actor system:migration).
 */
export class ChambreIdentifiers1796204050000 implements MigrationInterface {
  name = 'ChambreIdentifiers1796204050000';

  async up(db: QueryRunner): Promise<void> {
    const valid = `is_valid_siren(left(siret, 9))
                   AND (vat_number IS NULL OR vat_number = french_vat_number(left(siret, 9)))`;
    await db.query(`
      WITH reviewed_wrongly AS (
        SELECT id, siret, vat_number FROM chambres WHERE configured AND NOT (${valid}) FOR UPDATE
      ), audited AS (
        INSERT INTO audit_log (actor_label, action, entity_type, entity_id, before, after, reason, context)
        SELECT 'system:migration', 'chambre.updated', 'chambre', id::text,
               jsonb_build_object('configured', true), jsonb_build_object('configured', false),
               'SIRET ' || siret || ' or VAT number ' || coalesce(vat_number, '(none)') ||
               ' invalid (Luhn of the SIREN, key of the VAT number): invoices wait until an admin corrects them',
               jsonb_build_object('migration', '${this.name}')
          FROM reviewed_wrongly
      )
      UPDATE chambres c SET configured = false, updated_at = now()
        FROM reviewed_wrongly WHERE c.id = reviewed_wrongly.id`);
    await db.query(`
      ALTER TABLE chambres ADD CONSTRAINT chambres_identifiers_valid_when_configured
        CHECK (NOT configured OR (${valid}))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE chambres DROP CONSTRAINT chambres_identifiers_valid_when_configured`,
    );
  }
}
