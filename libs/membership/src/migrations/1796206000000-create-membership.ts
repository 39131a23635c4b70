import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Memberships (adhésions) as a billed process: the Chambre's yearly fee grid, the versioned
 * statutes or charter members accept, each organisation's declared profile (what its fee is
 * computed from), applications to join or renew and their decisions, fee overrides, the yearly
 * renewal campaign with one row per organisation, and CSV imports. The yearly status that
 * pricing reads stays in identity's `memberships`; the invoices are invoicing's (an invoice names
 * the membership it bills).
 */
export class CreateMembership1796206000000 implements MigrationInterface {
  name = 'CreateMembership1796206000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE membership_fee_schedules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        chambre_id uuid NOT NULL REFERENCES chambres (id),
        year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        -- Whether cotisations are outside the scope of VAT (no individualised counterpart) or
        -- taxable (they buy reduced prices): the Chambre's decision, printed on the invoice.
        vat_treatment text NOT NULL CHECK (vat_treatment IN ('out_of_scope', 'taxable')),
        first_year_fee_cents bigint CHECK (first_year_fee_cents >= 0),
        -- Joins on or after this day pay the fee pro rata of the whole months left in the year.
        prorata_from date CHECK (prorata_from IS NULL OR extract(year FROM prorata_from) = year),
        -- Unpaid memberships of the year lapse the day after this one.
        grace_until date,
        -- Days after a renewal invoice is issued that its reminders, then its final notice, go.
        reminder_days smallint[] NOT NULL DEFAULT '{30,60}',
        final_notice_days smallint NOT NULL DEFAULT 75 CHECK (final_notice_days > 0),
        -- A public body paying on the administrative mandate is active from approval.
        public_bodies_active_on_approval boolean NOT NULL DEFAULT true,
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT membership_fee_schedules_year_key UNIQUE (chambre_id, year)
      )`);
    await db.query(`
      CREATE TABLE membership_fee_rates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        schedule_id uuid NOT NULL REFERENCES membership_fee_schedules (id) ON DELETE CASCADE,
        family text NOT NULL CHECK (family IN ('association', 'cooperative', 'mutual', 'foundation', 'commercial_ess', 'federation')),
        -- A bracket of headcount (employees) or of annual budget (cents), lower bound included,
        -- upper bound excluded (NULL: no upper bound).
        basis text NOT NULL CHECK (basis IN ('headcount', 'budget')),
        lower_bound bigint NOT NULL CHECK (lower_bound >= 0),
        upper_bound bigint CHECK (upper_bound IS NULL OR upper_bound > lower_bound),
        amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
        CONSTRAINT membership_fee_rates_bracket_key UNIQUE (schedule_id, family, basis, lower_bound)
      )`);
    await db.query(`
      CREATE TABLE membership_charters (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        chambre_id uuid NOT NULL REFERENCES chambres (id),
        version integer NOT NULL CHECK (version > 0),
        title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
        body text NOT NULL CHECK (length(btrim(body)) > 0),
        published_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT membership_charters_version_key UNIQUE (chambre_id, version)
      )`);
    await db.query(`
      CREATE TABLE membership_profiles (
        organisation_id uuid PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
        chambre_id uuid NOT NULL REFERENCES chambres (id),
        family text NOT NULL CHECK (family IN ('association', 'cooperative', 'mutual', 'foundation', 'commercial_ess', 'federation')),
        headcount integer CHECK (headcount >= 0),
        annual_budget_cents bigint CHECK (annual_budget_cents >= 0),
        contact_name text,
        contact_email text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE membership_applications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        chambre_id uuid NOT NULL REFERENCES chambres (id),
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        kind text NOT NULL CHECK (kind IN ('join', 'renewal')),
        family text NOT NULL CHECK (family IN ('association', 'cooperative', 'mutual', 'foundation', 'commercial_ess', 'federation')),
        headcount integer CHECK (headcount >= 0),
        annual_budget_cents bigint CHECK (annual_budget_cents >= 0),
        contact_name text NOT NULL,
        contact_email text NOT NULL,
        charter_id uuid NOT NULL REFERENCES membership_charters (id),
        charter_accepted_at timestamptz NOT NULL,
        submitted_by uuid NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'refused', 'withdrawn')),
        decided_by uuid,
        decided_at timestamptz,
        refusal_reason text,
        fee_cents bigint CHECK (fee_cents >= 0),
        invoice_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT membership_applications_refusal_reason CHECK (status <> 'refused' OR length(btrim(refusal_reason)) > 0),
        CONSTRAINT membership_applications_decided CHECK ((status IN ('pending', 'withdrawn')) = (decided_at IS NULL))
      )`);
    // One open application per organisation and year; the admin's queue reads pending ones.
    await db.query(`
      CREATE UNIQUE INDEX membership_applications_one_pending
        ON membership_applications (organisation_id, year) WHERE status = 'pending'`);
    await db.query(`
      CREATE INDEX membership_applications_queue
        ON membership_applications (chambre_id, status, created_at)`);
    await db.query(`
      CREATE TABLE membership_fee_overrides (
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
        reason text NOT NULL CHECK (length(btrim(reason)) > 0),
        set_by uuid NOT NULL,
        set_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, year)
      )`);
    await db.query(`
      CREATE TABLE membership_campaigns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        chambre_id uuid NOT NULL REFERENCES chambres (id),
        year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed')),
        launched_by uuid NOT NULL,
        launched_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        -- One campaign per year: launching again answers the same one.
        CONSTRAINT membership_campaigns_year_key UNIQUE (chambre_id, year)
      )`);
    await db.query(`
      CREATE TABLE membership_campaign_items (
        campaign_id uuid NOT NULL REFERENCES membership_campaigns (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'issued', 'failed', 'skipped')),
        invoice_id uuid,
        error text,
        attempts integer NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (campaign_id, organisation_id)
      )`);
    // Progress counts by status, and the failures to retry.
    await db.query(`
      CREATE INDEX membership_campaign_items_status ON membership_campaign_items (campaign_id, status)`);
    await db.query(`
      CREATE TABLE membership_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        chambre_id uuid NOT NULL REFERENCES chambres (id),
        file_name text NOT NULL,
        file_sha256 char(64) NOT NULL,
        status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed')),
        total integer NOT NULL DEFAULT 0,
        created integer NOT NULL DEFAULT 0,
        updated integer NOT NULL DEFAULT 0,
        refused integer NOT NULL DEFAULT 0,
        -- The refused lines with their reasons (the dry run's report, kept for the applied run).
        report jsonb NOT NULL DEFAULT '[]',
        started_by uuid NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'membership_imports',
      'membership_campaign_items',
      'membership_campaigns',
      'membership_fee_overrides',
      'membership_applications',
      'membership_profiles',
      'membership_charters',
      'membership_fee_rates',
      'membership_fee_schedules',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
