import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payments (one row per attempt, with every Stripe id needed to trace a euro from booking to
 * payout), Stripe events stored once by their id, and refunds (through Stripe, or instructions
 * for finance to pay a bank transfer back).
 */
export class CreatePayments1795680500000 implements MigrationInterface {
  name = 'CreatePayments1795680500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE payments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        booking_id uuid NOT NULL REFERENCES bookings (id),
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        invoice_id uuid REFERENCES invoices (id),
        provider text NOT NULL CHECK (provider IN ('stripe', 'bank_transfer')),
        method text CHECK (method IN ('card', 'sepa_debit', 'bank_transfer')),
        amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
        currency char(3) NOT NULL DEFAULT 'EUR' CHECK (currency = 'EUR'),
        status text NOT NULL CHECK (status IN
          ('pending', 'processing', 'succeeded', 'failed', 'expired', 'refunded', 'partially_refunded', 'disputed')),
        amount_refunded_cents bigint NOT NULL DEFAULT 0 CHECK (amount_refunded_cents >= 0),
        stripe_checkout_session_id text,
        stripe_payment_intent_id text,
        stripe_charge_id text,
        stripe_balance_transaction_id text,
        stripe_fee_cents bigint,
        failure_reason text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT payments_refund_within_amount CHECK (amount_refunded_cents <= amount_cents),
        CONSTRAINT payments_checkout_session_key UNIQUE (stripe_checkout_session_id)
      )`);
    await db.query(`CREATE INDEX payments_booking_idx ON payments (booking_id, created_at)`);
    await db.query(
      `CREATE INDEX payments_payment_intent_idx ON payments (stripe_payment_intent_id) WHERE stripe_payment_intent_id IS NOT NULL`,
    );
    await db.query(
      `CREATE INDEX payments_charge_idx ON payments (stripe_charge_id) WHERE stripe_charge_id IS NOT NULL`,
    );

    await db.query(`
      CREATE TABLE stripe_events (
        id text PRIMARY KEY CHECK (id ~ '^evt_'),
        type text NOT NULL,
        payload jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz,
        outcome text
      )`);

    await db.query(`
      CREATE TABLE refunds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        payment_id uuid NOT NULL REFERENCES payments (id),
        booking_id uuid NOT NULL REFERENCES bookings (id),
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        provider text NOT NULL CHECK (provider IN ('stripe', 'bank_transfer')),
        -- Stripe refunds: pending until Stripe answers; transfers: an instruction until finance pays it.
        status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'instructed', 'done')),
        reason text NOT NULL,
        stripe_refund_id text,
        source text NOT NULL,
        completed_at timestamptz,
        completed_by uuid REFERENCES users (id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT refunds_source_key UNIQUE (source),
        CONSTRAINT refunds_stripe_refund_key UNIQUE (stripe_refund_id)
      )`);
    await db.query(
      `CREATE INDEX refunds_instructions_idx ON refunds (created_at, id) WHERE status = 'instructed'`,
    );
    await db.query(`CREATE INDEX refunds_payment_idx ON refunds (payment_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE refunds`);
    await db.query(`DROP TABLE stripe_events`);
    await db.query(`DROP TABLE payments`);
  }
}
