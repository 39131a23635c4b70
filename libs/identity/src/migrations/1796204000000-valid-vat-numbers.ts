import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An organisation's VAT number, printed on its invoices, is the French one of its SIREN:
 * FR, the key (12 + 3 × (SIREN mod 97)) mod 97 on two digits, the SIREN. The database holds it
 * from now on (organisations_vat_number_of_siren), with the functions the Chambre's own
 * identity uses too (migration ChambreIdentifiers).
 *
 * A stored number that is not (a wrong key, another company's SIREN, a foreign format) is
 * removed rather than kept: printed, it would misstate the buyer on every invoice, and nobody
 * but the organisation knows the right one. Nothing else changes: the organisation's admin
 * enters it again from its page, and the audit log keeps the number removed, with why
 * (action organisation.updated, actor system:migration).
 */
export class ValidVatNumbers1796204000000 implements MigrationInterface {
  name = 'ValidVatNumbers1796204000000';

  async up(db: QueryRunner): Promise<void> {
    // SIREN: 9 digits, Luhn (the even positions from the left are doubled).
    await db.query(`
      CREATE FUNCTION is_valid_siren(value text) RETURNS boolean
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT value ~ '^[0-9]{9}$' AND
          (SELECT sum(CASE WHEN i % 2 = 0
                           THEN (substr(value, i, 1)::int * 2) / 10 + (substr(value, i, 1)::int * 2) % 10
                           ELSE substr(value, i, 1)::int END)
             FROM generate_series(1, 9) AS i) % 10 = 0
      $$`);
    await db.query(`
      CREATE FUNCTION french_vat_number(siren text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT CASE WHEN siren ~ '^[0-9]{9}$'
                    THEN 'FR' || lpad(((12 + 3 * (siren::bigint % 97)) % 97)::text, 2, '0') || siren
               END
      $$`);

    await db.query(`
      WITH invalid AS (
        SELECT id, vat_number, french_vat_number(left(siret, 9)) AS expected
          FROM organisations
         WHERE vat_number IS NOT NULL AND vat_number IS DISTINCT FROM french_vat_number(left(siret, 9))
           FOR UPDATE
      ), audited AS (
        INSERT INTO audit_log (actor_label, action, entity_type, entity_id, before, after, reason, context)
        SELECT 'system:migration', 'organisation.updated', 'organisation', id::text,
               jsonb_build_object('vatNumber', vat_number), jsonb_build_object('vatNumber', NULL),
               'VAT number removed: it is not the French VAT number of the organisation''s SIREN (' || expected || ')',
               jsonb_build_object('migration', '${this.name}')
          FROM invalid
      )
      UPDATE organisations o SET vat_number = NULL, updated_at = now()
        FROM invalid WHERE o.id = invalid.id`);
    await db.query(`
      ALTER TABLE organisations ADD CONSTRAINT organisations_vat_number_of_siren
        CHECK (vat_number IS NULL OR vat_number = french_vat_number(left(siret, 9)))`);
  }

  async down(db: QueryRunner): Promise<void> {
    // The numbers removed stay in the audit log; they are not put back.
    await db.query(`ALTER TABLE organisations DROP CONSTRAINT organisations_vat_number_of_siren`);
    await db.query(`DROP FUNCTION french_vat_number(text)`);
    await db.query(`DROP FUNCTION is_valid_siren(text)`);
  }
}
