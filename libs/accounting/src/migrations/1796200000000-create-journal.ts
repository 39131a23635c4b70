import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Chambre's books (LPF A47 A-1, PCG art. 420-5): the chart of accounts it configures, the
 * journal's entries and lines written when money facts happen, the counters that number them at
 * validation, the months it has closed, and the lettering of customers' accounts.
 *
 * What is written stays written: triggers refuse UPDATE, DELETE and TRUNCATE of entries, lines,
 * closings and letterings whatever the role (a correction is a counter-entry, a lettering that
 * stops holding gets an end row). The one update an entry accepts is its validation, once: its
 * number and validation date, from NULL. The database also refuses an entry dated in a closed
 * month and, at commit, an entry whose lines do not balance.
 */
export class CreateJournal1796200000000 implements MigrationInterface {
  name = 'CreateJournal1796200000000';

  async up(db: QueryRunner): Promise<void> {
    // One function refuses every change of an append-only table, row (UPDATE, DELETE) or
    // statement (TRUNCATE, which row triggers do not see).
    await db.query(`
      CREATE FUNCTION accounting_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% of % refused: the books are append-only; post a counter-entry', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'integrity_constraint_violation';
      END $$`);

    // The chart: one account per role (and per VAT rate for the two VAT roles). Editable by
    // finance; entries store the number and label they were posted with, so an edit only
    // changes entries posted after it.
    await db.query(`
      CREATE TABLE accounting_accounts (
        chambre_id uuid NOT NULL REFERENCES chambres (id),
        role text NOT NULL CHECK (role IN ('customers', 'revenue_taxable', 'revenue_exempt_training',
          'revenue_other', 'vat_pending', 'vat_collected', 'bank', 'stripe', 'fees', 'deferred_income')),
        -- 0 for every role but VAT's, whose accounts are per rate (2000 for 20 %).
        vat_rate_basis_points integer NOT NULL DEFAULT 0 CHECK (vat_rate_basis_points BETWEEN 0 AND 10000),
        number text NOT NULL CHECK (number ~ '^[0-9]{3}[0-9A-Z]{0,17}$'),
        label text NOT NULL CHECK (length(btrim(label)) BETWEEN 1 AND 100 AND label !~ '[\\t\\r\\n]'),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (chambre_id, role, vat_rate_basis_points),
        CONSTRAINT accounting_accounts_rate_for_vat CHECK (
          (role IN ('vat_pending', 'vat_collected')) = (vat_rate_basis_points > 0)),
        -- One number, one label in the books an auditor reads. Checked at commit, so that one
        -- change may swap two accounts' numbers.
        CONSTRAINT accounting_accounts_number_key UNIQUE (chambre_id, number) DEFERRABLE INITIALLY DEFERRED
      )`);
    await db.query(`
      INSERT INTO accounting_accounts (chambre_id, role, vat_rate_basis_points, number, label)
      SELECT chambres.id, account.role, account.rate, account.number, account.label
        FROM chambres CROSS JOIN (VALUES
          ('customers', 0, '411000', 'Clients'),
          ('revenue_taxable', 0, '706100', 'Prestations de services soumises à la TVA'),
          ('revenue_exempt_training', 0, '706200', 'Formation professionnelle continue exonérée de TVA'),
          ('revenue_other', 0, '706300', 'Prestations exonérées ou hors champ de la TVA'),
          ('vat_pending', 2000, '445741', 'TVA collectée en attente d''encaissement 20 %'),
          ('vat_pending', 1000, '445742', 'TVA collectée en attente d''encaissement 10 %'),
          ('vat_pending', 550, '445743', 'TVA collectée en attente d''encaissement 5,5 %'),
          ('vat_pending', 210, '445744', 'TVA collectée en attente d''encaissement 2,1 %'),
          ('vat_collected', 2000, '445711', 'TVA collectée 20 %'),
          ('vat_collected', 1000, '445712', 'TVA collectée 10 %'),
          ('vat_collected', 550, '445713', 'TVA collectée 5,5 %'),
          ('vat_collected', 210, '445714', 'TVA collectée 2,1 %'),
          ('bank', 0, '512000', 'Banque'),
          ('stripe', 0, '467100', 'Stripe (encaissements à recevoir)'),
          ('fees', 0, '627000', 'Services bancaires et assimilés'),
          ('deferred_income', 0, '487000', 'Produits constatés d''avance')
        ) AS account (role, rate, number, label)`);
    // An account a posting rule names must always resolve: edits only, never removals.
    await db.query(`
      CREATE FUNCTION accounting_accounts_keep_roles() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND (NEW.chambre_id, NEW.role, NEW.vat_rate_basis_points)
             IS NOT DISTINCT FROM (OLD.chambre_id, OLD.role, OLD.vat_rate_basis_points) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION '% of an account of the chart refused: its number and label may change, not its role', TG_OP
          USING ERRCODE = 'integrity_constraint_violation';
      END $$`);
    await db.query(`
      CREATE TRIGGER accounting_accounts_keep_roles BEFORE UPDATE OR DELETE ON accounting_accounts
      FOR EACH ROW EXECUTE FUNCTION accounting_accounts_keep_roles()`);
    await db.query(`
      CREATE TRIGGER accounting_accounts_no_truncate BEFORE TRUNCATE ON accounting_accounts
      FOR EACH STATEMENT EXECUTE FUNCTION accounting_refuse_change()`);

    // A closed month is a row, never removed: periods close in order, so the latest row is the
    // watermark below which no entry may be dated.
    await db.query(`
      CREATE TABLE accounting_closed_periods (
        chambre_id uuid NOT NULL REFERENCES chambres (id),
        -- The month's first day.
        period date NOT NULL CHECK (extract(day FROM period) = 1),
        closed_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        closed_by uuid REFERENCES users (id),
        PRIMARY KEY (chambre_id, period)
      )`);

    await db.query(`
      CREATE TABLE accounting_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        chambre_id uuid NOT NULL REFERENCES chambres (id),
        journal text NOT NULL CHECK (journal IN ('VT', 'BQ', 'ST', 'OD')),
        -- What the entry records (invoice:<id>, payment:<id>…): one entry per source.
        source_key text NOT NULL CHECK (length(source_key) BETWEEN 1 AND 200),
        -- EcritureDate: the event's date, or the first day of the next open month when the
        -- event's month was closed (event_date keeps the original).
        entry_date date NOT NULL,
        event_date date NOT NULL CHECK (event_date <= entry_date),
        fiscal_year smallint NOT NULL,
        piece_ref text NOT NULL CHECK (length(btrim(piece_ref)) BETWEEN 1 AND 200),
        piece_date date NOT NULL,
        line_count smallint NOT NULL CHECK (line_count >= 2),
        -- The sum of the debits (= of the credits); 0 for a zero-amount invoice.
        total_cents bigint NOT NULL CHECK (total_cents >= 0),
        -- Posting order, the tie-break of numbering within a day.
        posting_seq bigint GENERATED ALWAYS AS IDENTITY,
        posted_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        -- Given once, at validation: EcritureNum (VT2026-000001) and ValidDate.
        sequence integer CHECK (sequence > 0),
        number text CHECK (length(number) BETWEEN 1 AND 40),
        validated_on date,
        validated_at timestamptz(3),
        -- The Chambre closes on 31 December: the fiscal year is the entry's calendar year.
        CONSTRAINT accounting_entries_fiscal_year CHECK (fiscal_year = extract(year FROM entry_date)),
        CONSTRAINT accounting_entries_validated_together CHECK (
          (number IS NULL) = (sequence IS NULL) AND (number IS NULL) = (validated_on IS NULL)
          AND (number IS NULL) = (validated_at IS NULL)),
        CONSTRAINT accounting_entries_source_key UNIQUE (chambre_id, source_key),
        CONSTRAINT accounting_entries_sequence_key UNIQUE (chambre_id, journal, fiscal_year, sequence)
      )`);
    // Periods and entry lists by month (optionally per journal), in posting order.
    await db.query(
      `CREATE INDEX accounting_entries_date_idx ON accounting_entries (chambre_id, entry_date, posting_seq)`,
    );
    await db.query(
      `CREATE INDEX accounting_entries_journal_date_idx ON accounting_entries (chambre_id, journal, entry_date, posting_seq)`,
    );
    // Validation reads what is still unnumbered up to a day.
    await db.query(
      `CREATE INDEX accounting_entries_unvalidated_idx ON accounting_entries (chambre_id, entry_date, posting_seq) WHERE number IS NULL`,
    );
    // The export reads a fiscal year's validated entries in validation order.
    await db.query(
      `CREATE INDEX accounting_entries_export_idx ON accounting_entries (chambre_id, fiscal_year, validated_on, journal, sequence) WHERE number IS NOT NULL`,
    );

    await db.query(`
      CREATE TABLE accounting_entry_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        entry_id uuid NOT NULL REFERENCES accounting_entries (id),
        position smallint NOT NULL CHECK (position >= 1),
        account_role text NOT NULL,
        vat_rate_basis_points integer NOT NULL DEFAULT 0,
        -- As the chart said when the entry was posted.
        account_number text NOT NULL,
        account_label text NOT NULL,
        -- The organisation's own account under 411, with its name at posting time.
        organisation_id uuid REFERENCES organisations (id),
        auxiliary_number text,
        auxiliary_label text,
        label text NOT NULL CHECK (length(btrim(label)) BETWEEN 1 AND 200),
        debit_cents bigint NOT NULL CHECK (debit_cents >= 0),
        credit_cents bigint NOT NULL CHECK (credit_cents >= 0),
        -- What the line settles (an invoice's id): lines of a customer's account sharing it are
        -- lettered together when they net to zero.
        lettering_key text CHECK (length(lettering_key) BETWEEN 1 AND 100),
        -- Both 0 only on a zero-amount invoice.
        CONSTRAINT accounting_entry_lines_one_side CHECK (debit_cents = 0 OR credit_cents = 0),
        CONSTRAINT accounting_entry_lines_customer CHECK (
          (account_role = 'customers') = (organisation_id IS NOT NULL)
          AND (organisation_id IS NULL) = (auxiliary_number IS NULL)
          AND (auxiliary_number IS NULL) = (auxiliary_label IS NULL)),
        CONSTRAINT accounting_entry_lines_lettering_on_customers CHECK (
          lettering_key IS NULL OR account_role = 'customers'),
        CONSTRAINT accounting_entry_lines_position_key UNIQUE (entry_id, position)
      )`);
    await db.query(
      `CREATE INDEX accounting_entry_lines_lettering_idx ON accounting_entry_lines (auxiliary_number, lettering_key) WHERE lettering_key IS NOT NULL`,
    );
    await db.query(
      `CREATE INDEX accounting_entry_lines_organisation_idx ON accounting_entry_lines (organisation_id) WHERE organisation_id IS NOT NULL`,
    );

    await db.query(`
      CREATE TABLE accounting_counters (
        chambre_id uuid NOT NULL REFERENCES chambres (id),
        journal text NOT NULL CHECK (journal IN ('VT', 'BQ', 'ST', 'OD')),
        fiscal_year smallint NOT NULL,
        last_number integer NOT NULL CHECK (last_number >= 1),
        PRIMARY KEY (chambre_id, journal, fiscal_year)
      )`);

    // Lettering: a group of a customer's lines that nets to zero gets a code (AA, AB…, unique
    // per auxiliary account) and DateLet, the latest entry date of the group. When the group
    // stops netting to zero, an end row says so; the lettering row itself never changes.
    await db.query(`
      CREATE TABLE accounting_letterings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        chambre_id uuid NOT NULL REFERENCES chambres (id),
        auxiliary_number text NOT NULL,
        lettering_key text NOT NULL,
        code text NOT NULL CHECK (code ~ '^[A-Z]{2,3}$'),
        lettered_on date NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT accounting_letterings_code_key UNIQUE (chambre_id, auxiliary_number, code)
      )`);
    await db.query(
      `CREATE INDEX accounting_letterings_key_idx ON accounting_letterings (chambre_id, auxiliary_number, lettering_key)`,
    );
    await db.query(`
      CREATE TABLE accounting_lettering_lines (
        lettering_id uuid NOT NULL REFERENCES accounting_letterings (id),
        line_id uuid NOT NULL REFERENCES accounting_entry_lines (id),
        PRIMARY KEY (lettering_id, line_id)
      )`);
    await db.query(
      `CREATE INDEX accounting_lettering_lines_line_idx ON accounting_lettering_lines (line_id)`,
    );
    await db.query(`
      CREATE TABLE accounting_lettering_ends (
        lettering_id uuid PRIMARY KEY REFERENCES accounting_letterings (id),
        -- The entry date of the entry that broke the group.
        ended_on date NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      )`);

    // Append-only tables: no UPDATE, DELETE or TRUNCATE, for any role.
    for (const table of [
      'accounting_entry_lines',
      'accounting_closed_periods',
      'accounting_letterings',
      'accounting_lettering_lines',
      'accounting_lettering_ends',
    ]) {
      await db.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION accounting_refuse_change()`);
      await db.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION accounting_refuse_change()`);
    }

    // An entry changes once: its validation sets the number and validation date, from NULL.
    await db.query(`
      CREATE FUNCTION accounting_entries_validate_once() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        validation text[] := ARRAY['sequence', 'number', 'validated_on', 'validated_at'];
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.number IS NULL AND NEW.number IS NOT NULL
           AND (to_jsonb(NEW) - validation) = (to_jsonb(OLD) - validation) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION '% of accounting entry % refused: an entry is never changed, only validated once; post a counter-entry',
          TG_OP, coalesce(OLD.number, OLD.id::text)
          USING ERRCODE = 'integrity_constraint_violation';
      END $$`);
    await db.query(`
      CREATE TRIGGER accounting_entries_validate_once BEFORE UPDATE OR DELETE ON accounting_entries
      FOR EACH ROW EXECUTE FUNCTION accounting_entries_validate_once()`);
    await db.query(`
      CREATE TRIGGER accounting_entries_no_truncate BEFORE TRUNCATE ON accounting_entries
      FOR EACH STATEMENT EXECUTE FUNCTION accounting_refuse_change()`);

    // A closed month takes no new entry: the writer moves it to the next open month first.
    await db.query(`
      CREATE FUNCTION accounting_entries_open_period() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM accounting_closed_periods
                    WHERE chambre_id = NEW.chambre_id AND period >= date_trunc('month', NEW.entry_date)::date) THEN
          RAISE EXCEPTION 'accounting entry dated % refused: its period is closed', NEW.entry_date
            USING ERRCODE = 'check_violation', CONSTRAINT = 'accounting_entries_open_period';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER accounting_entries_open_period BEFORE INSERT ON accounting_entries
      FOR EACH ROW EXECUTE FUNCTION accounting_entries_open_period()`);

    // At commit, every entry written has exactly its lines and they balance: debits = credits =
    // the entry's total. Checked on the entry and on each line, so neither a bare entry nor a
    // line added to an older entry gets through.
    await db.query(`
      CREATE FUNCTION accounting_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        target uuid;
        expected_lines smallint;
        expected_total bigint;
        line_total integer;
        debits bigint;
        credits bigint;
      BEGIN
        IF TG_TABLE_NAME = 'accounting_entries' THEN
          target := NEW.id;
        ELSE
          target := NEW.entry_id;
        END IF;
        SELECT line_count, total_cents INTO expected_lines, expected_total FROM accounting_entries WHERE id = target;
        SELECT count(*), coalesce(sum(debit_cents), 0), coalesce(sum(credit_cents), 0)
          INTO line_total, debits, credits
          FROM accounting_entry_lines WHERE entry_id = target;
        IF line_total <> expected_lines OR debits <> credits OR debits <> expected_total THEN
          RAISE EXCEPTION 'accounting entry % refused: % lines (expected %), debits % and credits % (expected % each)',
            target, line_total, expected_lines, debits, credits, expected_total
            USING ERRCODE = 'check_violation', CONSTRAINT = 'accounting_entries_balanced';
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE CONSTRAINT TRIGGER accounting_entries_balanced AFTER INSERT ON accounting_entries
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accounting_entry_balanced()`);
    await db.query(`
      CREATE CONSTRAINT TRIGGER accounting_entry_lines_balanced AFTER INSERT ON accounting_entry_lines
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accounting_entry_balanced()`);

    // Counters only count up: a number once given is never given again.
    await db.query(`
      CREATE FUNCTION accounting_counters_count_up() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.last_number > OLD.last_number
           AND (NEW.chambre_id, NEW.journal, NEW.fiscal_year) = (OLD.chambre_id, OLD.journal, OLD.fiscal_year) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION '% of accounting counter %/% refused: a counter only counts up', TG_OP, OLD.journal, OLD.fiscal_year
          USING ERRCODE = 'integrity_constraint_violation';
      END $$`);
    await db.query(`
      CREATE TRIGGER accounting_counters_count_up BEFORE UPDATE OR DELETE ON accounting_counters
      FOR EACH ROW EXECUTE FUNCTION accounting_counters_count_up()`);
    await db.query(`
      CREATE TRIGGER accounting_counters_no_truncate BEFORE TRUNCATE ON accounting_counters
      FOR EACH STATEMENT EXECUTE FUNCTION accounting_refuse_change()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE accounting_lettering_ends`);
    await db.query(`DROP TABLE accounting_lettering_lines`);
    await db.query(`DROP TABLE accounting_letterings`);
    await db.query(`DROP TABLE accounting_counters`);
    await db.query(`DROP TABLE accounting_entry_lines`);
    await db.query(`DROP TABLE accounting_entries`);
    await db.query(`DROP TABLE accounting_closed_periods`);
    await db.query(`DROP TABLE accounting_accounts`);
    await db.query(`DROP FUNCTION accounting_counters_count_up()`);
    await db.query(`DROP FUNCTION accounting_entry_balanced()`);
    await db.query(`DROP FUNCTION accounting_entries_open_period()`);
    await db.query(`DROP FUNCTION accounting_entries_validate_once()`);
    await db.query(`DROP FUNCTION accounting_accounts_keep_roles()`);
    await db.query(`DROP FUNCTION accounting_refuse_change()`);
  }
}
