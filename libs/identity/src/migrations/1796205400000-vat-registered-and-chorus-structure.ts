import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two facts the e-invoicing of issue 19 needs of a buyer.
 *
 * Whether it is liable to VAT (assujetti), which decides its flow from the 2027 reform (an
 * e-invoice through an approved platform, or e-reporting of the transaction). NOT NULL: every
 * existing organisation gets the default of its legal form (VAT_REGISTERED_BY_LEGAL_FORM in
 * identity.types.ts, the same table), and a row inserted without it gets it too, from a
 * trigger, so scripts and older writers keep working.
 *
 * A public body's Chorus Pro structure: its SIRET (null: the organisation's own), whether it
 * requires a service code and/or an engagement number on invoices, and the service code to use
 * when none is given. Only public bodies have one: the constraints refuse it on any other.
 */
export class VatRegisteredAndChorusStructure1796205400000 implements MigrationInterface {
  name = 'VatRegisteredAndChorusStructure1796205400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION organisation_default_vat_registered(legal_form text, is_public_body boolean)
      RETURNS boolean LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT NOT is_public_body AND legal_form NOT IN ('association', 'fondation')
      $$`);
    // A reference Chorus Pro accepts: printable, trimmed, within its length.
    await db.query(`
      CREATE FUNCTION is_procurement_reference(value text, max_length integer)
      RETURNS boolean LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT length(value) BETWEEN 1 AND max_length
           AND value = btrim(value)
           AND value !~ '[[:cntrl:]]'
      $$`);

    await db.query(`
      ALTER TABLE organisations
        ADD COLUMN vat_registered boolean,
        ADD COLUMN chorus_structure_siret char(14)
          CONSTRAINT organisations_chorus_structure_siret_valid CHECK (is_valid_siret(chorus_structure_siret)),
        ADD COLUMN chorus_service_code_required boolean NOT NULL DEFAULT false,
        ADD COLUMN chorus_engagement_number_required boolean NOT NULL DEFAULT false,
        ADD COLUMN chorus_default_service_code text
          CONSTRAINT organisations_chorus_default_service_code_valid
          CHECK (is_procurement_reference(chorus_default_service_code, 100)),
        ADD CONSTRAINT organisations_chorus_structure_only_for_public_bodies CHECK (
          is_public_body OR (
            chorus_structure_siret IS NULL AND chorus_default_service_code IS NULL
            AND NOT chorus_service_code_required AND NOT chorus_engagement_number_required))`);
    await db.query(`
      UPDATE organisations
         SET vat_registered = organisation_default_vat_registered(legal_form, is_public_body)`);
    await db.query(`ALTER TABLE organisations ALTER COLUMN vat_registered SET NOT NULL`);

    await db.query(`
      CREATE FUNCTION organisations_fill_vat_registered() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        NEW.vat_registered := coalesce(
          NEW.vat_registered, organisation_default_vat_registered(NEW.legal_form, NEW.is_public_body));
        RETURN NEW;
      END
      $$`);
    await db.query(`
      CREATE TRIGGER organisations_fill_vat_registered BEFORE INSERT ON organisations
        FOR EACH ROW EXECUTE FUNCTION organisations_fill_vat_registered()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER organisations_fill_vat_registered ON organisations`);
    await db.query(`DROP FUNCTION organisations_fill_vat_registered()`);
    await db.query(`
      ALTER TABLE organisations
        DROP CONSTRAINT organisations_chorus_structure_only_for_public_bodies,
        DROP COLUMN chorus_default_service_code,
        DROP COLUMN chorus_engagement_number_required,
        DROP COLUMN chorus_service_code_required,
        DROP COLUMN chorus_structure_siret,
        DROP COLUMN vat_registered`);
    await db.query(`DROP FUNCTION is_procurement_reference(text, integer)`);
    await db.query(`DROP FUNCTION organisation_default_vat_registered(text, boolean)`);
  }
}
