import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When Stripe took the money (the completing event's time): the date the books give a card or
 * SEPA payment. A SEPA debit succeeds days after its checkout, so the row's creation will not do.
 */
export class PaymentSucceededAt1796201100000 implements MigrationInterface {
  name = 'PaymentSucceededAt1796201100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE payments ADD COLUMN succeeded_at timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE payments DROP COLUMN succeeded_at`);
  }
}
