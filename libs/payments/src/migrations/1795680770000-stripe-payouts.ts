import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stripe pays the card and SEPA money out to the bank in lump sums: each payout is kept with
 * what it contained (its charges, refunds and Stripe's fees), so the single amount the bank
 * shows can be traced back to invoices.
 */
export class StripePayouts1795680770000 implements MigrationInterface {
  name = 'StripePayouts1795680770000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE stripe_payouts (
        id text PRIMARY KEY CHECK (id ~ '^po_'),
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        currency char(3) NOT NULL,
        arrival_date date NOT NULL,
        charges integer,
        refunds integer,
        fee_cents bigint,
        detailed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX stripe_payouts_amount_idx ON stripe_payouts (amount_cents, arrival_date)`,
    );
    await db.query(
      `ALTER TABLE payments ADD COLUMN stripe_payout_id text REFERENCES stripe_payouts (id)`,
    );
    await db.query(
      `CREATE INDEX payments_payout_idx ON payments (stripe_payout_id) WHERE stripe_payout_id IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE payments DROP COLUMN stripe_payout_id`);
    await db.query(`DROP TABLE stripe_payouts`);
  }
}
