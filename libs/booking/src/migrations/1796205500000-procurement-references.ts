import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A public body's booking carries the references its Chorus Pro structure requires on the
 * invoice: the engagement number (numéro d'engagement juridique, EN 16931 BT-13, at most 50
 * characters in Chorus Pro) and the service code (code service exécutant, BT-10, at most 100).
 * Printable and trimmed, as Chorus Pro takes them (is_procurement_reference, migration
 * VatRegisteredAndChorusStructure). Whether they are required is the structure's to say, when
 * the booking is made or confirmed: existing bookings have none.
 */
export class ProcurementReferences1796205500000 implements MigrationInterface {
  name = 'ProcurementReferences1796205500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE bookings
        ADD COLUMN engagement_number text
          CONSTRAINT bookings_engagement_number_valid CHECK (is_procurement_reference(engagement_number, 50)),
        ADD COLUMN service_code text
          CONSTRAINT bookings_service_code_valid CHECK (is_procurement_reference(service_code, 100))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE bookings DROP COLUMN service_code, DROP COLUMN engagement_number`);
  }
}
