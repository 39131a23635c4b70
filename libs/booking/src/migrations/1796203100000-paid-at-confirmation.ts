import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A booking confirmed by a card or SEPA payment keeps what was paid: its invoice, issued after
 * the confirmation, says it is settled (« acquittée ») only for the amount really paid.
 */
export class PaidAtConfirmation1796203100000 implements MigrationInterface {
  name = 'PaidAtConfirmation1796203100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE bookings
        ADD COLUMN confirmation_paid_cents bigint CHECK (confirmation_paid_cents >= 0),
        ADD CONSTRAINT bookings_paid_at_confirmation_online CHECK (
          confirmation_paid_cents IS NULL OR confirmation_method IN ('card', 'sepa_debit'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE bookings DROP COLUMN confirmation_paid_cents`);
  }
}
