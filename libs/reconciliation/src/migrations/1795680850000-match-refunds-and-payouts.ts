import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bank debits are the transfers finance makes to refund members: they are suggested for, and
 * allocated to, the refund instructions they settle, as credits are to invoices. A Stripe
 * payout arrives as one credit for many card payments: it is allocated to the payout, which
 * belongs to no single organisation.
 */
export class MatchRefundsAndPayouts1795680850000 implements MigrationInterface {
  name = 'MatchRefundsAndPayouts1795680850000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE bank_match_suggestions DROP CONSTRAINT bank_match_suggestions_pkey`,
    );
    await db.query(`
      ALTER TABLE bank_match_suggestions
        ADD COLUMN id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ALTER COLUMN invoice_id DROP NOT NULL,
        ADD COLUMN refund_id uuid REFERENCES refunds (id),
        ADD CONSTRAINT bank_match_suggestions_one_target CHECK ((invoice_id IS NULL) <> (refund_id IS NULL))`);
    // Suggestions are replaced and read per transaction.
    await db.query(
      `CREATE INDEX bank_match_suggestions_transaction_idx ON bank_match_suggestions (transaction_id)`,
    );
    await db.query(
      `CREATE UNIQUE INDEX bank_match_suggestions_invoice_key ON bank_match_suggestions (transaction_id, invoice_id) WHERE invoice_id IS NOT NULL`,
    );
    await db.query(
      `CREATE UNIQUE INDEX bank_match_suggestions_refund_key ON bank_match_suggestions (transaction_id, refund_id) WHERE refund_id IS NOT NULL`,
    );
    await db.query(`ALTER TABLE bank_allocations DROP CONSTRAINT bank_allocations_kind_check`);
    await db.query(`ALTER TABLE bank_allocations DROP CONSTRAINT bank_allocations_invoice_kind`);
    await db.query(`
      ALTER TABLE bank_allocations
        ADD COLUMN refund_id uuid REFERENCES refunds (id),
        ADD COLUMN payout_id text REFERENCES stripe_payouts (id),
        ALTER COLUMN organisation_id DROP NOT NULL,
        ADD CONSTRAINT bank_allocations_kind_check
          CHECK (kind IN ('invoice', 'organisation_credit', 'refund', 'payout')),
        ADD CONSTRAINT bank_allocations_invoice_kind CHECK ((kind = 'invoice') = (invoice_id IS NOT NULL)),
        ADD CONSTRAINT bank_allocations_refund_kind CHECK ((kind = 'refund') = (refund_id IS NOT NULL)),
        ADD CONSTRAINT bank_allocations_payout_kind CHECK ((kind = 'payout') = (payout_id IS NOT NULL)),
        ADD CONSTRAINT bank_allocations_organisation_unless_payout
          CHECK ((kind = 'payout') = (organisation_id IS NULL))`);
    // A refund, or a payout, is settled by one live allocation at most.
    await db.query(
      `CREATE UNIQUE INDEX bank_allocations_one_per_refund ON bank_allocations (refund_id) WHERE refund_id IS NOT NULL AND undone_at IS NULL`,
    );
    await db.query(
      `CREATE UNIQUE INDEX bank_allocations_one_per_payout ON bank_allocations (payout_id) WHERE payout_id IS NOT NULL AND undone_at IS NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM bank_allocations WHERE kind IN ('refund', 'payout')`);
    await db.query(`DELETE FROM bank_match_suggestions WHERE refund_id IS NOT NULL`);
    await db.query(`DROP INDEX bank_allocations_one_per_payout`);
    await db.query(`DROP INDEX bank_match_suggestions_transaction_idx`);
    await db.query(`DROP INDEX bank_allocations_one_per_refund`);
    await db.query(`
      ALTER TABLE bank_allocations
        DROP CONSTRAINT bank_allocations_organisation_unless_payout,
        DROP CONSTRAINT bank_allocations_payout_kind,
        DROP CONSTRAINT bank_allocations_refund_kind,
        DROP CONSTRAINT bank_allocations_kind_check,
        DROP COLUMN payout_id,
        DROP COLUMN refund_id,
        ALTER COLUMN organisation_id SET NOT NULL,
        ADD CONSTRAINT bank_allocations_kind_check CHECK (kind IN ('invoice', 'organisation_credit'))`);
    await db.query(`
      ALTER TABLE bank_match_suggestions
        DROP CONSTRAINT bank_match_suggestions_one_target,
        DROP COLUMN refund_id,
        DROP COLUMN id,
        ALTER COLUMN invoice_id SET NOT NULL,
        ADD PRIMARY KEY (transaction_id, invoice_id)`);
  }
}
