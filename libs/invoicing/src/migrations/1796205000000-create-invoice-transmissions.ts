import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How each issued invoice and credit note reaches its buyer (its transmission: channel, state,
 * the platform's ids, retries), and its lifecycle: the statuses it went through, with their
 * times, appended and never changed (the 2027 reform's statuses, Chorus Pro's today). The
 * application role may not delete either (PROTECTED_TABLES); triggers, which fire ALWAYS, refuse
 * for every role a lifecycle row changed or deleted, a transmission deleted or moved to another
 * invoice or channel, and a TRUNCATE of both. Invoices issued before get their transmission (the
 * e-mail that carried them) and their `issued` status.
 */
export class CreateInvoiceTransmissions1796205000000 implements MigrationInterface {
  name = 'CreateInvoiceTransmissions1796205000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE invoice_transmissions (
        invoice_id uuid PRIMARY KEY REFERENCES invoices (id),
        channel text NOT NULL CHECK (channel IN ('email', 'chorus_pro', 'pa')),
        state text NOT NULL CHECK (state IN ('pending', 'awaiting_configuration', 'submitted',
          'processing', 'rejected', 'completed', 'failed', 'delegated')),
        external_flow_id text,
        external_invoice_id text,
        external_status text,
        -- Failed calls in a row (reset by a success), and steps taken (each step's job id).
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        steps integer NOT NULL DEFAULT 0 CHECK (steps >= 0),
        next_attempt_at timestamptz,
        last_error text,
        -- When the platform last said something new about the invoice.
        last_status_at timestamptz,
        -- To the millisecond, as the list's cursor keeps it.
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT invoice_transmissions_deposited_has_flow
          CHECK (state NOT IN ('submitted', 'processing') OR external_flow_id IS NOT NULL OR channel <> 'chorus_pro')
      )`);
    // The finance list: by channel and state, newest first, with a keyset on (created_at, id).
    await db.query(`
      CREATE INDEX invoice_transmissions_list_idx
        ON invoice_transmissions (channel, state, created_at DESC, invoice_id DESC)`);
    await db.query(`
      CREATE INDEX invoice_transmissions_open_idx ON invoice_transmissions (next_attempt_at)
        WHERE state IN ('pending', 'awaiting_configuration', 'submitted', 'processing')`);

    await db.query(`
      CREATE TABLE invoice_lifecycle_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        invoice_id uuid NOT NULL REFERENCES invoices (id),
        status text NOT NULL CHECK (status IN ('issued', 'deposited', 'made_available', 'suspended',
          'completed', 'rejected', 'approved', 'paid', 'collected')),
        occurred_at timestamptz NOT NULL,
        reason text,
        source text NOT NULL CHECK (source IN ('mutualis', 'email', 'chorus_pro', 'pa')),
        -- What "recorded once" means for this status (the same status reported twice is one row).
        dedupe_key text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT invoice_lifecycle_events_once UNIQUE (invoice_id, dedupe_key),
        CONSTRAINT invoice_lifecycle_events_rejection_has_reason
          CHECK (status <> 'rejected' OR length(btrim(reason)) > 0)
      )`);
    await db.query(`
      CREATE INDEX invoice_lifecycle_events_invoice_idx
        ON invoice_lifecycle_events (invoice_id, occurred_at, recorded_at)`);

    await db.query(`
      CREATE FUNCTION invoice_lifecycle_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% of % refused: an invoice''s lifecycle is append-only', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'integrity_constraint_violation';
      END $$`);
    await db.query(`
      CREATE TRIGGER invoice_lifecycle_events_append_only
        BEFORE UPDATE OR DELETE ON invoice_lifecycle_events
        FOR EACH ROW EXECUTE FUNCTION invoice_lifecycle_append_only()`);
    await db.query(`
      CREATE FUNCTION invoice_transmissions_keep_record() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'the transmission of invoice % is a record and is never deleted', OLD.invoice_id
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF (NEW.invoice_id, NEW.channel) IS DISTINCT FROM (OLD.invoice_id, OLD.channel) THEN
          RAISE EXCEPTION 'the transmission of invoice % keeps its invoice and its channel', OLD.invoice_id
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER invoice_transmissions_keep_record
        BEFORE UPDATE OR DELETE ON invoice_transmissions
        FOR EACH ROW EXECUTE FUNCTION invoice_transmissions_keep_record()`);
    for (const table of TABLES) {
      await db.query(`
        CREATE TRIGGER ${table}_not_truncated BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION invoicing_records_not_truncated()`);
    }
    for (const [table, trigger] of ALWAYS) {
      await db.query(`ALTER TABLE ${table} ENABLE ALWAYS TRIGGER ${trigger}`);
    }

    // Invoices issued so far went out by e-mail, the only channel there was.
    await db.query(`
      INSERT INTO invoice_transmissions (invoice_id, channel, state, created_at, updated_at)
      SELECT id, 'email', 'delegated', issued_at, issued_at
        FROM invoices WHERE status <> 'draft' AND issued_at IS NOT NULL`);
    await db.query(`
      INSERT INTO invoice_lifecycle_events (invoice_id, status, occurred_at, source, dedupe_key)
      SELECT id, 'issued', issued_at, 'mutualis', 'issued'
        FROM invoices WHERE status <> 'draft' AND issued_at IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE invoice_lifecycle_events`);
    await db.query(`DROP TABLE invoice_transmissions`);
    await db.query(`DROP FUNCTION invoice_transmissions_keep_record()`);
    await db.query(`DROP FUNCTION invoice_lifecycle_append_only()`);
  }
}

const TABLES = ['invoice_transmissions', 'invoice_lifecycle_events'];

const ALWAYS: [table: string, trigger: string][] = [
  ['invoice_lifecycle_events', 'invoice_lifecycle_events_append_only'],
  ['invoice_transmissions', 'invoice_transmissions_keep_record'],
  ...TABLES.map((table): [string, string] => [table, `${table}_not_truncated`]),
];
