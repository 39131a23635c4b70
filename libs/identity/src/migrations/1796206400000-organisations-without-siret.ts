import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Small associations have no SIRET (they employ no one and never asked INSEE for one): they are
 * identified by their RNA number alone, and may be members and be invoiced. An organisation now
 * carries a SIRET, an RNA number, or both — never neither.
 *
 * What still needs a SIRET: a public body (Chorus Pro addresses its invoices by SIRET), and a VAT
 * number (it is derived from the SIREN; the existing CHECK compares it with
 * french_vat_number(left(siret, 9)), which is NULL — so passes — when the SIRET is null).
 *
 * RNA numbers become unique like SIRETs: the import matches an association by either.
 */
export class OrganisationsWithoutSiret1796206400000 implements MigrationInterface {
  name = 'OrganisationsWithoutSiret1796206400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE organisations
        ALTER COLUMN siret DROP NOT NULL,
        ADD CONSTRAINT organisations_siret_or_rna CHECK (siret IS NOT NULL OR rna IS NOT NULL),
        ADD CONSTRAINT organisations_public_body_has_siret CHECK (NOT is_public_body OR siret IS NOT NULL),
        ADD CONSTRAINT organisations_vat_number_needs_siret CHECK (vat_number IS NULL OR siret IS NOT NULL)`);
    // Fails loudly if two organisations already share an RNA number: that is a duplicate for the
    // Chambre to merge by hand, not something a migration should guess about.
    await db.query(
      `CREATE UNIQUE INDEX organisations_rna_key ON organisations (rna) WHERE rna IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    // Refuses (NOT NULL violation) while an organisation has no SIRET: they cannot be dropped.
    await db.query(`DROP INDEX organisations_rna_key`);
    await db.query(`
      ALTER TABLE organisations
        DROP CONSTRAINT organisations_vat_number_needs_siret,
        DROP CONSTRAINT organisations_public_body_has_siret,
        DROP CONSTRAINT organisations_siret_or_rna,
        ALTER COLUMN siret SET NOT NULL`);
  }
}
