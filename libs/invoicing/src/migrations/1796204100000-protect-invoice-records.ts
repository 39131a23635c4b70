import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What was issued stays as issued, for every role (the application role may moreover never
 * DELETE nor TRUNCATE these tables: the migrator withholds those privileges):
 * - an invoice's stored PDF and its SHA-256 are written once, together, never replaced;
 * - a counter only moves to the next number, so the series it numbers has no gap, and is
 *   never deleted;
 * - a recorded payment is never deleted nor changed: it may only be reversed, once;
 * - none of invoices, their lines, counters or payments can be truncated.
 * The triggers fire ALWAYS, even under session_replication_role = replica. The one deletion
 * the application still needs, rewriting a draft's lines before it is numbered, goes through a
 * function that refuses any invoice but a draft.
 */
export class ProtectInvoiceRecords1796204100000 implements MigrationInterface {
  name = 'ProtectInvoiceRecords1796204100000';

  async up(db: QueryRunner): Promise<void> {
    // A path without its hash is a store that never finished: the sweep renders it again.
    await db.query(
      `UPDATE invoices SET pdf_path = NULL WHERE pdf_path IS NOT NULL AND pdf_sha256 IS NULL`,
    );
    await db.query(`
      ALTER TABLE invoices
        ADD CONSTRAINT invoices_pdf_with_its_hash CHECK ((pdf_path IS NULL) = (pdf_sha256 IS NULL)),
        ADD CONSTRAINT invoices_pdf_sha256_hex CHECK (pdf_sha256 ~ '^[0-9a-f]{64}$'),
        ADD CONSTRAINT invoices_draft_has_no_pdf CHECK (status <> 'draft' OR pdf_path IS NULL)`);
    await db.query(`
      CREATE FUNCTION invoices_pdf_written_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.pdf_sha256 IS NOT NULL
           AND (NEW.pdf_sha256 IS DISTINCT FROM OLD.pdf_sha256 OR NEW.pdf_path IS DISTINCT FROM OLD.pdf_path) THEN
          RAISE EXCEPTION 'the PDF of invoice % is stored with its SHA-256 and cannot be replaced', OLD.number
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER invoices_pdf_written_once BEFORE UPDATE ON invoices
      FOR EACH ROW EXECUTE FUNCTION invoices_pdf_written_once()`);

    await db.query(`
      CREATE FUNCTION invoice_counters_only_forward() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'the counter of series % for % has given its numbers and is never deleted', OLD.series, OLD.year
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF (NEW.chambre_id, NEW.series, NEW.year) IS DISTINCT FROM (OLD.chambre_id, OLD.series, OLD.year) THEN
          RAISE EXCEPTION 'the counter of series % for % keeps its series and year', OLD.series, OLD.year
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF NEW.last_number IS DISTINCT FROM OLD.last_number + 1 THEN
          RAISE EXCEPTION 'the counter of series % for % moves from % to the next number only, not to %', OLD.series, OLD.year, OLD.last_number, NEW.last_number
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER invoice_counters_only_forward BEFORE UPDATE OR DELETE ON invoice_counters
      FOR EACH ROW EXECUTE FUNCTION invoice_counters_only_forward()`);

    await db.query(`
      CREATE FUNCTION invoice_payments_keep_record() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'payment % is a record: reverse it, never delete it', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF (to_jsonb(NEW) - 'reversed_at') IS DISTINCT FROM (to_jsonb(OLD) - 'reversed_at') THEN
          RAISE EXCEPTION 'payment % cannot be changed, only reversed', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF OLD.reversed_at IS NOT NULL AND NEW.reversed_at IS DISTINCT FROM OLD.reversed_at THEN
          RAISE EXCEPTION 'payment % was reversed at %: a reversal is final', OLD.id, OLD.reversed_at
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER invoice_payments_keep_record BEFORE UPDATE OR DELETE ON invoice_payments
      FOR EACH ROW EXECUTE FUNCTION invoice_payments_keep_record()`);

    // Row triggers do not fire on TRUNCATE: a statement trigger refuses it.
    await db.query(`
      CREATE FUNCTION invoicing_records_not_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'TRUNCATE of % is refused: invoices, their lines, numbering and payments are kept', TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of TRUNCATE_REFUSED) {
      await db.query(`
        CREATE TRIGGER ${table}_not_truncated BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION invoicing_records_not_truncated()`);
    }

    for (const [table, trigger] of ALWAYS) {
      await db.query(`ALTER TABLE ${table} ENABLE ALWAYS TRIGGER ${trigger}`);
    }

    // The lines of a draft are rewritten when the worker issues it (a draft made at checkout).
    // Owner's rights for that one deletion, and only of a draft's lines.
    await db.query(`
      CREATE FUNCTION discard_draft_invoice_lines(draft uuid) RETURNS integer
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
      DECLARE
        removed integer;
      BEGIN
        PERFORM 1 FROM public.invoices WHERE id = draft AND status = 'draft' FOR NO KEY UPDATE;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'invoice % is not a draft: its lines are kept', draft
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        DELETE FROM public.invoice_lines WHERE invoice_id = draft;
        GET DIAGNOSTICS removed = ROW_COUNT;
        RETURN removed;
      END $$`);
    // The migrator grants it to the application role only.
    await db.query(`REVOKE ALL ON FUNCTION discard_draft_invoice_lines(uuid) FROM PUBLIC`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION discard_draft_invoice_lines(uuid)`);
    for (const [table, trigger] of ALWAYS) {
      await db.query(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
    }
    for (const table of TRUNCATE_REFUSED) {
      await db.query(`DROP TRIGGER ${table}_not_truncated ON ${table}`);
    }
    await db.query(`DROP FUNCTION invoicing_records_not_truncated()`);
    await db.query(`DROP TRIGGER invoice_payments_keep_record ON invoice_payments`);
    await db.query(`DROP FUNCTION invoice_payments_keep_record()`);
    await db.query(`DROP TRIGGER invoice_counters_only_forward ON invoice_counters`);
    await db.query(`DROP FUNCTION invoice_counters_only_forward()`);
    await db.query(`DROP TRIGGER invoices_pdf_written_once ON invoices`);
    await db.query(`DROP FUNCTION invoices_pdf_written_once()`);
    await db.query(`
      ALTER TABLE invoices
        DROP CONSTRAINT invoices_draft_has_no_pdf,
        DROP CONSTRAINT invoices_pdf_sha256_hex,
        DROP CONSTRAINT invoices_pdf_with_its_hash`);
  }
}

const TRUNCATE_REFUSED = ['invoices', 'invoice_lines', 'invoice_counters', 'invoice_payments'];

const ALWAYS: [table: string, trigger: string][] = [
  ['invoices', 'invoices_immutable'],
  ['invoices', 'invoices_pdf_written_once'],
  ['invoice_lines', 'invoice_lines_immutable'],
  ['invoice_counters', 'invoice_counters_only_forward'],
  ['invoice_payments', 'invoice_payments_keep_record'],
  ...TRUNCATE_REFUSED.map((table): [string, string] => [table, `${table}_not_truncated`]),
];
