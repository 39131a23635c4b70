import { MigrationInterface, QueryRunner } from 'typeorm';

/** The notifications worker rebuilds reminders from the confirmed bookings still ahead. */
export class IndexConfirmedBookingsByStart1795680780000 implements MigrationInterface {
  name = 'IndexConfirmedBookingsByStart1795680780000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX bookings_confirmed_start_idx ON bookings (service_starts_at) WHERE status = 'confirmed'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX bookings_confirmed_start_idx`);
  }
}
