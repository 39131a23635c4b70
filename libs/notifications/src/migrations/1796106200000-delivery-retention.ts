import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rendered data of a sent message (names, addresses, amounts) is dropped a year after
 * sending, and at once when its person is erased; data_purged_at marks it so the retention
 * job skips what is done.
 */
export class DeliveryRetention1796106200000 implements MigrationInterface {
  name = 'DeliveryRetention1796106200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE notification_deliveries ADD COLUMN data_purged_at timestamptz`);
    await db.query(
      `CREATE INDEX notification_deliveries_retention_idx ON notification_deliveries (sent_at) WHERE data_purged_at IS NULL AND sent_at IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX notification_deliveries_retention_idx`);
    await db.query(`ALTER TABLE notification_deliveries DROP COLUMN data_purged_at`);
  }
}
