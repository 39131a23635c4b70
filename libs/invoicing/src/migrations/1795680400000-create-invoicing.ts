import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Chambre (seller of record) and its settings, invoices and credit notes with their
 * lines, and the counters that number them without gaps. An issued invoice is immutable:
 * triggers refuse any change to what it says, whatever the application does.
 */
export class CreateInvoicing1795680400000 implements MigrationInterface {
  name = 'CreateInvoicing1795680400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE chambres (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL CHECK (slug ~ '^[a-z0-9-]{2,40}$'),
        legal_name text NOT NULL CHECK (length(btrim(legal_name)) BETWEEN 1 AND 250),
        address_line1 text NOT NULL,
        address_line2 text,
        postal_code text NOT NULL,
        city text NOT NULL,
        country char(2) NOT NULL DEFAULT 'FR',
        siret char(14) NOT NULL CHECK (is_valid_siret(siret)),
        vat_number text CHECK (vat_number ~ '^[A-Z]{2}[0-9A-Z]{2,13}$'),
        -- 'franchise': franchise en base (art. 293 B du CGI), no VAT on any invoice.
        vat_regime text NOT NULL DEFAULT 'standard' CHECK (vat_regime IN ('standard', 'franchise')),
        training_declaration_number text CHECK (length(training_declaration_number) <= 40),
        iban text NOT NULL CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[0-9A-Z]{10,30}$'),
        bic text NOT NULL CHECK (bic ~ '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$'),
        late_payment_rate text NOT NULL CHECK (length(late_payment_rate) BETWEEN 1 AND 300),
        payment_terms_days integer NOT NULL DEFAULT 30 CHECK (payment_terms_days BETWEEN 0 AND 60),
        email text,
        phone text,
        logo_path text,
        -- Invoices wait (their jobs retry) until an admin has reviewed these settings.
        configured boolean NOT NULL DEFAULT false,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT chambres_slug_key UNIQUE (slug),
        CONSTRAINT chambres_vat_number_unless_franchise CHECK (vat_regime = 'franchise' OR vat_number IS NOT NULL)
      )`);
    // One Chambre today; its identity is data, to be reviewed by an admin before the first invoice.
    await db.query(`
      INSERT INTO chambres (slug, legal_name, address_line1, postal_code, city, siret, vat_number, iban, bic,
                            late_payment_rate, email)
      VALUES ('default', 'Chambre régionale de l''économie sociale et solidaire', 'À renseigner', '13001', 'Marseille',
              '78111222000012', 'FR00000000000', 'FR7630001007941234567890185', 'BDFEFRPPXXX',
              'trois fois le taux d''intérêt légal', NULL)`);

    await db.query(`
      CREATE TABLE invoice_counters (
        chambre_id uuid NOT NULL REFERENCES chambres (id),
        series text NOT NULL CHECK (series IN ('F', 'AV')),
        year smallint NOT NULL,
        last_number integer NOT NULL CHECK (last_number >= 0),
        PRIMARY KEY (chambre_id, series, year)
      )`);

    await db.query(`
      CREATE TABLE invoices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        chambre_id uuid NOT NULL REFERENCES chambres (id),
        type text NOT NULL CHECK (type IN ('invoice', 'credit_note')),
        -- EN 16931 document type: 380 commercial invoice, 381 credit note.
        type_code smallint NOT NULL CHECK (type_code IN (380, 381)),
        status text NOT NULL CHECK (status IN ('draft', 'issued', 'partially_paid', 'paid', 'cancelled')),
        series text CHECK (series IN ('F', 'AV')),
        year smallint,
        sequence integer CHECK (sequence > 0),
        number text,
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        booking_id uuid REFERENCES bookings (id),
        corrects_invoice_id uuid REFERENCES invoices (id),
        source_event_id uuid,
        payment_reference text NOT NULL,
        issue_date date,
        service_date date NOT NULL,
        due_date date,
        currency char(3) NOT NULL DEFAULT 'EUR' CHECK (currency = 'EUR'),
        total_excl_vat_cents bigint NOT NULL CHECK (total_excl_vat_cents >= 0),
        total_vat_cents bigint NOT NULL CHECK (total_vat_cents >= 0),
        total_incl_vat_cents bigint NOT NULL,
        amount_paid_cents bigint NOT NULL DEFAULT 0 CHECK (amount_paid_cents >= 0),
        amount_credited_cents bigint NOT NULL DEFAULT 0 CHECK (amount_credited_cents >= 0),
        seller jsonb NOT NULL,
        buyer jsonb NOT NULL,
        vat_breakdown jsonb NOT NULL,
        reason text CHECK (length(reason) <= 1000),
        pdf_path text,
        pdf_sha256 char(64),
        issued_at timestamptz,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT invoices_totals_add_up CHECK (total_incl_vat_cents = total_excl_vat_cents + total_vat_cents),
        CONSTRAINT invoices_type_code_matches CHECK ((type = 'invoice') = (type_code = 380)),
        CONSTRAINT invoices_credit_note_corrects CHECK ((type = 'credit_note') = (corrects_invoice_id IS NOT NULL)),
        CONSTRAINT invoices_issued_are_numbered CHECK (
          status = 'draft' OR (number IS NOT NULL AND issue_date IS NOT NULL AND issued_at IS NOT NULL)),
        CONSTRAINT invoices_credited_within_total CHECK (amount_credited_cents <= total_incl_vat_cents),
        CONSTRAINT invoices_number_key UNIQUE (number),
        CONSTRAINT invoices_sequence_key UNIQUE (chambre_id, series, year, sequence),
        CONSTRAINT invoices_payment_reference_key UNIQUE (payment_reference),
        CONSTRAINT invoices_source_event_key UNIQUE (source_event_id)
      )`);
    // One invoice per booking: a redelivered job, or two workers, cannot make a second.
    await db.query(
      `CREATE UNIQUE INDEX invoices_one_per_booking ON invoices (booking_id) WHERE type = 'invoice'`,
    );
    await db.query(
      `CREATE INDEX invoices_organisation_idx ON invoices (organisation_id, created_at, id)`,
    );
    await db.query(`CREATE INDEX invoices_created_idx ON invoices (created_at, id)`);
    await db.query(
      `CREATE INDEX invoices_corrects_idx ON invoices (corrects_invoice_id) WHERE corrects_invoice_id IS NOT NULL`,
    );
    await db.query(
      `CREATE INDEX invoices_open_due_idx ON invoices (due_date) WHERE status IN ('issued', 'partially_paid')`,
    );

    await db.query(`
      CREATE TABLE invoice_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        invoice_id uuid NOT NULL REFERENCES invoices (id),
        position smallint NOT NULL,
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
        quantity integer NOT NULL CHECK (quantity >= 1),
        unit_price_excl_vat_cents bigint NOT NULL CHECK (unit_price_excl_vat_cents >= 0),
        -- EN 16931 VAT category: S standard, E exempt, O not subject.
        vat_category char(1) NOT NULL CHECK (vat_category IN ('S', 'E', 'O')),
        vat_rate_basis_points integer NOT NULL CHECK (vat_rate_basis_points BETWEEN 0 AND 10000),
        exemption_reason text,
        line_total_excl_vat_cents bigint NOT NULL,
        CONSTRAINT invoice_lines_total CHECK (line_total_excl_vat_cents = quantity * unit_price_excl_vat_cents),
        CONSTRAINT invoice_lines_rate_matches CHECK ((vat_category = 'S') = (vat_rate_basis_points > 0)),
        CONSTRAINT invoice_lines_position_key UNIQUE (invoice_id, position)
      )`);

    // What an issued invoice says never changes: only its payment state and its stored PDF may.
    await db.query(`
      CREATE FUNCTION invoices_keep_issued_content() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        mutable text[] := ARRAY['status', 'amount_paid_cents', 'amount_credited_cents', 'pdf_path', 'pdf_sha256', 'updated_at'];
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.status <> 'draft' THEN
            RAISE EXCEPTION 'invoice % is issued and cannot be deleted; issue a credit note', OLD.number
              USING ERRCODE = 'integrity_constraint_violation';
          END IF;
          RETURN OLD;
        END IF;
        IF OLD.status <> 'draft' AND (to_jsonb(NEW) - mutable) IS DISTINCT FROM (to_jsonb(OLD) - mutable) THEN
          RAISE EXCEPTION 'invoice % is issued and cannot be changed; issue a credit note', OLD.number
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF OLD.status <> 'draft' AND NEW.status = 'draft' THEN
          RAISE EXCEPTION 'invoice % is issued and cannot return to draft', OLD.number
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER invoices_immutable BEFORE UPDATE OR DELETE ON invoices
      FOR EACH ROW EXECUTE FUNCTION invoices_keep_issued_content()`);
    await db.query(`
      CREATE FUNCTION invoice_lines_keep_issued_content() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        parent uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.invoice_id ELSE NEW.invoice_id END;
      BEGIN
        IF EXISTS (SELECT 1 FROM invoices WHERE id = parent AND status <> 'draft')
           OR (TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM invoices WHERE id = OLD.invoice_id AND status <> 'draft')) THEN
          RAISE EXCEPTION 'the lines of an issued invoice cannot change' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await db.query(`
      CREATE TRIGGER invoice_lines_immutable BEFORE INSERT OR UPDATE OR DELETE ON invoice_lines
      FOR EACH ROW EXECUTE FUNCTION invoice_lines_keep_issued_content()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE invoice_lines`);
    await db.query(`DROP TABLE invoices`);
    await db.query(`DROP FUNCTION invoice_lines_keep_issued_content()`);
    await db.query(`DROP FUNCTION invoices_keep_issued_content()`);
    await db.query(`DROP TABLE invoice_counters`);
    await db.query(`DROP TABLE chambres`);
  }
}
