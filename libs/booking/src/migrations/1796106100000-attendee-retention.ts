import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attendees' names and e-mails are anonymised when their person is erased, and by the
 * retention job some years after the service; anonymised_at marks both, so the job skips
 * what is done. Attendees are found by e-mail at export and erasure.
 */
export class AttendeeRetention1796106100000 implements MigrationInterface {
  name = 'AttendeeRetention1796106100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE booking_attendees ADD COLUMN anonymised_at timestamptz`);
    await db.query(
      `CREATE INDEX booking_attendees_email_idx ON booking_attendees (lower(email)) WHERE anonymised_at IS NULL`,
    );
    await db.query(
      `CREATE INDEX booking_attendees_to_anonymise_idx ON booking_attendees (booking_id) WHERE anonymised_at IS NULL`,
    );
    // The retention job walks bookings by service date, whatever their status.
    await db.query(`CREATE INDEX bookings_service_starts_idx ON bookings (service_starts_at)`);
    await db.query(`CREATE INDEX bookings_booked_by_idx ON bookings (booked_by)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX bookings_booked_by_idx`);
    await db.query(`DROP INDEX bookings_service_starts_idx`);
    await db.query(`DROP INDEX booking_attendees_to_anonymise_idx`);
    await db.query(`DROP INDEX booking_attendees_email_idx`);
    await db.query(`ALTER TABLE booking_attendees DROP COLUMN anonymised_at`);
  }
}
