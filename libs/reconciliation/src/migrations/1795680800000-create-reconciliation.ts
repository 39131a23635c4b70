import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bank statements imported by finance, their transactions (each recognised again by a stable
 * key, so re-importing a file or an overlapping statement adds nothing), match suggestions,
 * allocations of money to invoices (undone, never deleted) and the audit trail of who did what.
 */
export class CreateReconciliation1795680800000 implements MigrationInterface {
  name = 'CreateReconciliation1795680800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE csv_profiles (
        id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        settings jsonb NOT NULL,
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE bank_statement_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_name text NOT NULL,
        file_sha256 char(64) NOT NULL,
        format text NOT NULL CHECK (format IN ('camt053', 'csv')),
        csv_profile jsonb,
        -- The file, kept until it is parsed: a rejected file leaves nothing but this record.
        content bytea,
        status text NOT NULL DEFAULT 'queued'
          CHECK (status IN ('queued', 'processing', 'done', 'failed')),
        error text,
        error_location text,
        transactions_found integer,
        transactions_added integer,
        duplicates integer,
        matched integer,
        suggested integer,
        unmatched integer,
        uploaded_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        finished_at timestamptz,
        CONSTRAINT bank_statement_imports_csv_has_profile CHECK ((format = 'csv') = (csv_profile IS NOT NULL))
      )`);
    await db.query(
      `CREATE INDEX bank_statement_imports_created_idx ON bank_statement_imports (created_at DESC, id DESC)`,
    );
    await db.query(`
      CREATE TABLE bank_transactions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        import_id uuid NOT NULL REFERENCES bank_statement_imports (id),
        dedupe_key text NOT NULL,
        account_iban text,
        booking_date date NOT NULL,
        value_date date,
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        direction text NOT NULL CHECK (direction IN ('credit', 'debit')),
        currency char(3) NOT NULL,
        bank_reference text,
        counterparty_name text,
        counterparty_iban text,
        remittance_info text,
        creditor_reference text,
        source text NOT NULL,
        status text NOT NULL DEFAULT 'unmatched' CHECK (status IN ('unmatched', 'suggested', 'matched')),
        allocated_cents bigint NOT NULL DEFAULT 0,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT bank_transactions_dedupe_key UNIQUE (dedupe_key),
        CONSTRAINT bank_transactions_allocated_within CHECK (allocated_cents BETWEEN 0 AND amount_cents),
        CONSTRAINT bank_transactions_matched_when_allocated
          CHECK ((status = 'matched') = (allocated_cents = amount_cents))
      )`);
    // The workbench lists by status, newest first (also what matching walks).
    await db.query(
      `CREATE INDEX bank_transactions_status_idx ON bank_transactions (status, created_at DESC, id DESC)`,
    );
    await db.query(`CREATE INDEX bank_transactions_import_idx ON bank_transactions (import_id)`);
    await db.query(`
      CREATE TABLE bank_match_suggestions (
        transaction_id uuid NOT NULL REFERENCES bank_transactions (id) ON DELETE CASCADE,
        invoice_id uuid NOT NULL REFERENCES invoices (id),
        score numeric(4, 3) NOT NULL CHECK (score BETWEEN 0 AND 1),
        reasons jsonb NOT NULL,
        PRIMARY KEY (transaction_id, invoice_id)
      )`);
    await db.query(`
      CREATE TABLE bank_allocations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        transaction_id uuid NOT NULL REFERENCES bank_transactions (id),
        kind text NOT NULL CHECK (kind IN ('invoice', 'organisation_credit')),
        invoice_id uuid REFERENCES invoices (id),
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        automatic boolean NOT NULL,
        created_by uuid REFERENCES users (id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        undone_at timestamptz,
        undone_by uuid REFERENCES users (id),
        CONSTRAINT bank_allocations_invoice_kind CHECK ((kind = 'invoice') = (invoice_id IS NOT NULL)),
        CONSTRAINT bank_allocations_automatic_or_person CHECK (automatic OR created_by IS NOT NULL)
      )`);
    await db.query(
      `CREATE INDEX bank_allocations_transaction_idx ON bank_allocations (transaction_id) WHERE undone_at IS NULL`,
    );
    await db.query(
      `CREATE INDEX bank_allocations_invoice_idx ON bank_allocations (invoice_id) WHERE undone_at IS NULL`,
    );
    await db.query(
      `CREATE INDEX bank_allocations_organisation_idx ON bank_allocations (organisation_id, created_at)`,
    );
    await db.query(`
      CREATE TABLE reconciliation_audit (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_id uuid REFERENCES users (id),
        action text NOT NULL CHECK (action IN ('import', 'allocate', 'auto_allocate', 'undo')),
        import_id uuid REFERENCES bank_statement_imports (id),
        transaction_id uuid REFERENCES bank_transactions (id),
        allocation_id uuid REFERENCES bank_allocations (id),
        invoice_id uuid REFERENCES invoices (id),
        amount_cents bigint,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await db.query(
      `CREATE INDEX reconciliation_audit_transaction_idx ON reconciliation_audit (transaction_id, at)`,
    );
    // The audit trail is append-only.
    await db.query(`
      CREATE FUNCTION reconciliation_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the reconciliation audit trail is append-only';
      END $$`);
    await db.query(`
      CREATE TRIGGER reconciliation_audit_append_only BEFORE UPDATE OR DELETE ON reconciliation_audit
      FOR EACH ROW EXECUTE FUNCTION reconciliation_audit_append_only()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE reconciliation_audit`);
    await db.query(`DROP FUNCTION reconciliation_audit_append_only()`);
    await db.query(`DROP TABLE bank_allocations`);
    await db.query(`DROP TABLE bank_match_suggestions`);
    await db.query(`DROP TABLE bank_transactions`);
    await db.query(`DROP TABLE bank_statement_imports`);
    await db.query(`DROP TABLE csv_profiles`);
  }
}
