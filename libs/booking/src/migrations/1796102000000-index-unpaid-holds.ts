import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every booking counts the unpaid places its organisation and its booker already hold (the
 * squatting cap), so both lookups read only the live holds and offers.
 */
export class IndexUnpaidHolds1796102000000 implements MigrationInterface {
  name = 'IndexUnpaidHolds1796102000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX bookings_unpaid_by_organisation_idx ON bookings (organisation_id)
        WHERE status IN ('pending_payment', 'offered')`,
    );
    await db.query(
      `CREATE INDEX bookings_unpaid_by_booker_idx ON bookings (booked_by)
        WHERE status IN ('pending_payment', 'offered')`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX bookings_unpaid_by_booker_idx`);
    await db.query(`DROP INDEX bookings_unpaid_by_organisation_idx`);
  }
}
