import { Client } from 'pg';
import { dropDatabase, migrateDatabase, revertLastMigration } from '@mutualis/core';
import { discoverMigrations } from '../../../../test/support/migrations';

const FIRST_VAT_REGIME_MIGRATION = 1796202000000;

function urlFor(name: string): string {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

const timestampOf = (migration: new () => unknown) => Number(/\d{13}$/.exec(migration.name)![0]);

/**
 * The VAT regime migrations on a database holding what was written before them: issued
 * invoices (immutable), their lines and breakdowns, offerings and bookings under the old
 * treatments.
 */
describe('VAT regime migrations on existing data', () => {
  const url = urlFor(`mutualis_vat_migration_${process.pid}_${Date.now().toString(36)}`);
  const all = discoverMigrations();
  const before = all.filter((migration) => timestampOf(migration) < FIRST_VAT_REGIME_MIGRATION);
  let db: Client;
  let catalogue: SeededCatalogue;

  beforeAll(async () => {
    await migrateDatabase(url, before);
    db = new Client({ connectionString: url });
    await db.connect();
    await seedBefore(db);
    catalogue = await seedCatalogue(db);
    await migrateDatabase(url, all);
  });

  afterAll(async () => {
    await db?.end();
    await dropDatabase(url);
  });

  const lines = async () =>
    (
      await db.query<{
        description: string;
        vat_category: string;
        exemption_reason: string | null;
        vat_regime: string;
        vatex_code: string | null;
      }>(
        `SELECT description, vat_category, exemption_reason, vat_regime, vatex_code
         FROM invoice_lines ORDER BY description`,
      )
    ).rows;

  it('names the regime and VATEX code of every line already issued, from what it printed', async () => {
    expect(await lines()).toEqual([
      {
        description: 'Conseil',
        vat_category: 'S',
        exemption_reason: null,
        vat_regime: 'standard',
        vatex_code: null,
      },
      {
        description: 'Consultation',
        vat_category: 'O',
        exemption_reason: 'Opération non soumise à la TVA',
        vat_regime: 'not_subject',
        vatex_code: 'VATEX-EU-O',
      },
      {
        description: 'Formation',
        vat_category: 'E',
        exemption_reason: 'Exonération de TVA, art. 261-4-4° du CGI',
        vat_regime: 'exempt_training',
        vatex_code: 'VATEX-FR-CGI261-4',
      },
      {
        description: 'Franchise',
        vat_category: 'E',
        exemption_reason: 'TVA non applicable, art. 293 B du CGI',
        vat_regime: 'franchise',
        vatex_code: 'VATEX-FR-FRANCHISE',
      },
    ]);
  });

  it('adds the regime to each VAT breakdown entry and changes nothing else an invoice says', async () => {
    const { rows } = await db.query<{ number: string; vat_breakdown: unknown; total: string }>(
      `SELECT number, vat_breakdown, total_incl_vat_cents AS total FROM invoices
       WHERE number IS NOT NULL ORDER BY number`,
    );
    expect(rows.map((row) => [row.number, row.vat_breakdown, row.total])).toEqual([
      [
        'F-2026-000001',
        [
          {
            vatCategory: 'S',
            vatRateBasisPoints: 2000,
            taxableAmountCents: 10_000,
            vatAmountCents: 2_000,
            exemptionReason: null,
            vatRegime: 'standard',
            vatexCode: null,
          },
          {
            vatCategory: 'E',
            vatRateBasisPoints: 0,
            taxableAmountCents: 30_000,
            vatAmountCents: 0,
            exemptionReason: 'Exonération de TVA, art. 261-4-4° du CGI',
            vatRegime: 'exempt_training',
            vatexCode: 'VATEX-FR-CGI261-4',
          },
        ],
        '42000',
      ],
      [
        'F-2026-000002',
        [
          {
            vatCategory: 'O',
            vatRateBasisPoints: 0,
            taxableAmountCents: 9_000,
            vatAmountCents: 0,
            exemptionReason: 'Opération non soumise à la TVA',
            vatRegime: 'not_subject',
            vatexCode: 'VATEX-EU-O',
          },
        ],
        '9000',
      ],
      [
        'F-2026-000003',
        [
          {
            vatCategory: 'E',
            vatRateBasisPoints: 0,
            taxableAmountCents: 5_000,
            vatAmountCents: 0,
            exemptionReason: 'TVA non applicable, art. 293 B du CGI',
            vatRegime: 'franchise',
            vatexCode: 'VATEX-FR-FRANCHISE',
          },
        ],
        '5000',
      ],
    ]);
  });

  it('leaves issued invoices and their lines immutable afterwards (triggers enabled again)', async () => {
    await expect(
      db.query(`UPDATE invoice_lines SET vat_regime = 'exempt_members', vat_category = 'E',
                vatex_code = 'VATEX-FR-CGI261-7' WHERE description = 'Formation'`),
    ).rejects.toThrow(/issued invoice cannot change/);
    await expect(
      db.query(`UPDATE invoices SET vat_breakdown = '[]' WHERE number = 'F-2026-000001'`),
    ).rejects.toThrow(/cannot be changed/);
  });

  it('refuses a new line without its regime, or whose category or VATEX code is not its regime’s', async () => {
    const draft = await draftInvoice(db);
    const insert = (regime: string | null, category: string, vatex: string | null) =>
      db.query(
        `INSERT INTO invoice_lines (invoice_id, position, description, quantity, unit_price_excl_vat_cents,
           vat_category, vat_rate_basis_points, exemption_reason, line_total_excl_vat_cents, vat_regime, vatex_code)
         VALUES ($1, 1, 'Ligne', 1, 100, $2, 0, 'Mention', 100, $3, $4)`,
        [draft, category, regime, vatex],
      );
    await expect(insert(null, 'E', 'VATEX-FR-CGI261-4')).rejects.toThrow(/null value/);
    await expect(insert('exempt_training', 'O', 'VATEX-FR-CGI261-4')).rejects.toThrow(
      /invoice_lines_vat_regime_category/,
    );
    await expect(insert('exempt_training', 'E', 'VATEX-EU-O')).rejects.toThrow(
      /invoice_lines_vatex_code/,
    );
    await expect(insert('exempt_training', 'E', 'VATEX-FR-CGI261-4')).resolves.toBeDefined();
  });

  it('keeps the offerings’ regimes that had a legal basis and makes the others taxable at 20 %, audited', async () => {
    const { rows } = await db.query<{ id: string; vat_treatment: string }>(
      `SELECT id, vat_treatment FROM offerings`,
    );
    const regimeOf = (id: string) => rows.find((row) => row.id === id)?.vat_treatment;
    expect(regimeOf(catalogue.training)).toBe('exempt_training');
    expect(regimeOf(catalogue.taxableTraining)).toBe('standard');
    expect(regimeOf(catalogue.notSubjectConsultation)).toBe('standard');
    expect(regimeOf(catalogue.exemptConsultation)).toBe('standard');
    const { rows: audited } = await db.query<{
      entity_id: string;
      before: unknown;
      after: unknown;
    }>(
      `SELECT entity_id, before, after FROM audit_log WHERE actor_label = 'migration'
         AND action = 'offering.pricing.changed' ORDER BY before ->> 'vatTreatment'`,
    );
    expect(audited).toEqual([
      {
        entity_id: catalogue.exemptConsultation,
        before: { vatTreatment: 'exempt_training' },
        after: { vatTreatment: 'standard' },
      },
      {
        entity_id: catalogue.notSubjectConsultation,
        before: { vatTreatment: 'not_subject' },
        after: { vatTreatment: 'standard' },
      },
    ]);
    // The database now refuses what had no basis.
    await expect(
      db.query(`UPDATE offerings SET vat_treatment = 'not_subject' WHERE id = $1`, [
        catalogue.training,
      ]),
    ).rejects.toThrow(/offerings_vat_treatment_known/);
    await expect(
      db.query(`UPDATE offerings SET vat_treatment = 'exempt_training' WHERE id = $1`, [
        catalogue.notSubjectConsultation,
      ]),
    ).rejects.toThrow(/offerings_training_exemption_only_for_training/);
  });

  it('gives a pending revision the live regime, and the Chambre a policy with no attestation and 20 % defaults', async () => {
    const { rows } = await db.query<{ status: string; vat_treatment: string | null }>(
      `SELECT status, vat_treatment FROM offering_revisions ORDER BY status`,
    );
    expect(rows).toEqual([
      { status: 'approved', vat_treatment: null },
      { status: 'pending', vat_treatment: 'exempt_training' },
    ]);
    expect((await db.query(`SELECT * FROM offering_vat_settings`)).rows).toEqual([
      expect.objectContaining({
        training_exemption_attested_on: null,
        default_vat_treatment_training: 'standard',
        default_vat_treatment_other: 'standard',
      }),
    ]);
    expect((await db.query(`SELECT vat_on_debits FROM chambres`)).rows).toEqual([
      { vat_on_debits: false },
    ]);
  });

  it('reprices at 20 % the unfounded bookings nobody paid or was invoiced for, and keeps the others’ snapshot', async () => {
    const { rows } = await db.query<{
      id: string;
      vat_treatment: string;
      vat_rate_basis_points: number;
      total_vat_cents: string;
      total_incl_vat_cents: string;
    }>(
      `SELECT id, vat_treatment, vat_rate_basis_points, total_vat_cents, total_incl_vat_cents FROM bookings`,
    );
    const snapshot = (id: string) => {
      const row = rows.find((candidate) => candidate.id === id)!;
      return [
        row.vat_treatment,
        row.vat_rate_basis_points,
        row.total_vat_cents,
        row.total_incl_vat_cents,
      ];
    };
    // 2 × 6 001 cents: 12 002 at 20 % is 2 400,4, rounded to 2 400.
    expect(snapshot(catalogue.bookings.unpaid)).toEqual(['standard', 2000, '2400', '14402']);
    expect(snapshot(catalogue.bookings.waitlisted)).toEqual(['standard', 2000, '2400', '14402']);
    expect(snapshot(catalogue.bookings.invoiced)).toEqual(['not_subject', 0, '0', '12002']);
    expect(snapshot(catalogue.bookings.paying)).toEqual(['not_subject', 0, '0', '12002']);
    expect(snapshot(catalogue.bookings.training)).toEqual(['exempt_training', 0, '0', '12002']);
    const { rows: audited } = await db.query<{ entity_id: string }>(
      `SELECT entity_id FROM audit_log WHERE action = 'booking.vat_repriced' ORDER BY entity_id`,
    );
    expect(audited.map((row) => row.entity_id)).toEqual(
      [catalogue.bookings.unpaid, catalogue.bookings.waitlisted].sort(),
    );
  });

  it('reverts to the former shape of invoices and lines, and applies again', async () => {
    const since = all.filter((migration) => timestampOf(migration) >= FIRST_VAT_REGIME_MIGRATION);
    await db.query(
      `DELETE FROM invoice_lines WHERE invoice_id IN (SELECT id FROM invoices WHERE status = 'draft')`,
    );
    await db.query(`DELETE FROM invoices WHERE status = 'draft'`);
    for (let index = 0; index < since.length; index++) {
      await revertLastMigration(url, all);
    }
    const { rows } = await db.query<{ breakdown: unknown }>(
      `SELECT vat_breakdown AS breakdown FROM invoices WHERE number = 'F-2026-000002'`,
    );
    expect(rows[0].breakdown).toEqual([
      {
        vatCategory: 'O',
        vatRateBasisPoints: 0,
        taxableAmountCents: 9_000,
        vatAmountCents: 0,
        exemptionReason: 'Opération non soumise à la TVA',
      },
    ]);
    await migrateDatabase(url, all);
    expect((await lines()).map((line) => line.vat_regime)).toEqual([
      'standard',
      'not_subject',
      'exempt_training',
      'franchise',
    ]);
  });
});

const BREAKDOWN = {
  S: (base: number) => ({
    vatCategory: 'S',
    vatRateBasisPoints: 2000,
    taxableAmountCents: base,
    vatAmountCents: base / 5,
    exemptionReason: null,
  }),
  E: (base: number, reason: string) => ({
    vatCategory: 'E',
    vatRateBasisPoints: 0,
    taxableAmountCents: base,
    vatAmountCents: 0,
    exemptionReason: reason,
  }),
  O: (base: number, reason: string) => ({
    vatCategory: 'O',
    vatRateBasisPoints: 0,
    taxableAmountCents: base,
    vatAmountCents: 0,
    exemptionReason: reason,
  }),
};

const TRAINING = 'Exonération de TVA, art. 261-4-4° du CGI';
const FRANCHISE = 'TVA non applicable, art. 293 B du CGI';
const NOT_SUBJECT = 'Opération non soumise à la TVA';

async function organisation(db: Client): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO organisations (legal_name, legal_form, siret, address_line1, postal_code, city, department, billing_email)
     VALUES ('Les Ateliers', 'scop', '73282932000074', '1 rue Haute', '13001', 'Marseille', '13', 'compta@ateliers.example')
     RETURNING id`,
  );
  return rows[0].id;
}

/** Three issued invoices written as the code before these migrations wrote them. */
async function seedBefore(db: Client): Promise<void> {
  const organisationId = await organisation(db);
  const issue = async (
    sequence: number,
    breakdown: object[],
    lines: [string, string, number, string | null, number][],
  ) => {
    const excl = lines.reduce((sum, line) => sum + line[4], 0);
    const vat = lines.filter((line) => line[1] === 'S').reduce((sum, line) => sum + line[4] / 5, 0);
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO invoices (chambre_id, type, type_code, status, organisation_id, payment_reference, service_date,
         total_excl_vat_cents, total_vat_cents, total_incl_vat_cents, seller, buyer, vat_breakdown)
       VALUES ((SELECT id FROM chambres), 'invoice', 380, 'draft', $1, $2, '2026-03-01', $3, $4, $5, '{}', '{}', $6)
       RETURNING id`,
      [organisationId, `RF${sequence}`, excl, vat, excl + vat, JSON.stringify(breakdown)],
    );
    const invoiceId = rows[0].id;
    for (const [index, [description, category, rate, reason, total]] of lines.entries()) {
      await db.query(
        `INSERT INTO invoice_lines (invoice_id, position, description, quantity, unit_price_excl_vat_cents,
           vat_category, vat_rate_basis_points, exemption_reason, line_total_excl_vat_cents)
         VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $4)`,
        [invoiceId, index + 1, description, total, category, rate, reason],
      );
    }
    await db.query(
      `UPDATE invoices SET status = 'issued', series = 'F', year = 2026, sequence = $2::integer,
         number = 'F-2026-' || lpad($2::text, 6, '0'), issue_date = '2026-03-02', due_date = '2026-04-01',
         issued_at = '2026-03-02T10:00:00Z'
       WHERE id = $1`,
      [invoiceId, sequence],
    );
  };
  await issue(
    1,
    [BREAKDOWN.S(10_000), BREAKDOWN.E(30_000, TRAINING)],
    [
      ['Conseil', 'S', 2000, null, 10_000],
      ['Formation', 'E', 0, TRAINING, 30_000],
    ],
  );
  await issue(2, [BREAKDOWN.O(9_000, NOT_SUBJECT)], [['Consultation', 'O', 0, NOT_SUBJECT, 9_000]]);
  await issue(3, [BREAKDOWN.E(5_000, FRANCHISE)], [['Franchise', 'E', 0, FRANCHISE, 5_000]]);
}

interface SeededCatalogue {
  training: string;
  taxableTraining: string;
  notSubjectConsultation: string;
  exemptConsultation: string;
  bookings: Record<'unpaid' | 'waitlisted' | 'invoiced' | 'paying' | 'training', string>;
}

/** Offerings, a pending revision and bookings under the old treatments. */
async function seedCatalogue(db: Client): Promise<SeededCatalogue> {
  const id = async (sql: string, values: unknown[] = []) =>
    (await db.query<{ id: string }>(sql, values)).rows[0].id;
  const consultant = await id(
    `INSERT INTO users (email, name, password_hash, platform_roles)
     VALUES ('consultant@test.mutualis.fr', 'Consultante', 'x', '{consultant}') RETURNING id`,
  );
  const offering = (kind: string, treatment: string) =>
    id(
      `INSERT INTO offerings (consultant_id, category_id, title, summary, description, kind, delivery_mode, departments,
         duration_minutes, member_price_cents, non_member_price_cents, vat_treatment, cancellation_policy, status, published_at)
       SELECT $1, id, 'Offre ' || $2 || ' ' || $3, 'Résumé', '', $2, 'remote', '{13}', 60, 6001, 9000, $3,
              '{"tiers":[]}', 'published', now()
       FROM categories WHERE slug = 'formation' RETURNING id`,
      [consultant, kind, treatment],
    );
  const training = await offering('training', 'exempt_training');
  const taxableTraining = await offering('training', 'standard');
  const notSubjectConsultation = await offering('consultation', 'not_subject');
  const exemptConsultation = await offering('consultation', 'exempt_training');
  await db.query(
    `INSERT INTO offering_revisions (offering_id, proposed_by, title, summary, description, member_price_cents,
       non_member_price_cents, status, reviewed_by, reviewed_at)
     VALUES ($1, $2, 'Ancienne', 'Résumé', '', 5000, 9000, 'approved', $2, now()),
            ($1, $2, 'En attente', 'Résumé', '', 5500, 9000, 'pending', NULL, NULL)`,
    [training, consultant],
  );
  const session = async (offeringId: string) =>
    id(
      `INSERT INTO sessions (offering_id, starts_at, ends_at, registration_deadline, capacity, remote_url)
       VALUES ($1, now() + interval '10 days', now() + interval '10 days 1 hour', now() + interval '9 days', 20,
               'https://visio.test')
       RETURNING id`,
      [offeringId],
    );
  const organisationId = (await db.query<{ id: string }>(`SELECT id FROM organisations LIMIT 1`))
    .rows[0].id;
  const booking = async (offeringId: string, treatment: string, status: string) =>
    id(
      `INSERT INTO bookings (organisation_id, booked_by, offering_id, session_id, seats, status, unit_price_cents,
         member_price, vat_treatment, vat_rate_basis_points, total_excl_vat_cents, total_vat_cents, total_incl_vat_cents,
         cancellation_policy, service_starts_at, hold_expires_at, waitlisted_at, confirmed_at)
       VALUES ($1, $2, $3, $4, 2, $5, 6001, true, $6, 0, 12002, 0, 12002, '{"tiers":[]}', now() + interval '10 days',
               CASE WHEN $5 = 'pending_payment' THEN now() + interval '30 minutes' END,
               CASE WHEN $5 = 'waitlisted' THEN now() END,
               CASE WHEN $5 = 'confirmed' THEN now() END)
       RETURNING id`,
      [organisationId, consultant, offeringId, await session(offeringId), status, treatment],
    );
  const bookings = {
    unpaid: await booking(notSubjectConsultation, 'not_subject', 'pending_payment'),
    waitlisted: await booking(exemptConsultation, 'exempt_training', 'waitlisted'),
    invoiced: await booking(notSubjectConsultation, 'not_subject', 'confirmed'),
    paying: await booking(notSubjectConsultation, 'not_subject', 'pending_payment'),
    training: await booking(training, 'exempt_training', 'pending_payment'),
  };
  await db.query(
    `INSERT INTO invoices (chambre_id, type, type_code, status, organisation_id, booking_id, payment_reference,
       service_date, total_excl_vat_cents, total_vat_cents, total_incl_vat_cents, seller, buyer, vat_breakdown)
     VALUES ((SELECT id FROM chambres), 'invoice', 380, 'draft', $1, $2, 'RF-invoiced', '2026-03-01', 0, 0, 0,
             '{}', '{}', '[]')`,
    [organisationId, bookings.invoiced],
  );
  await db.query(
    `INSERT INTO payments (booking_id, organisation_id, provider, method, amount_cents, status)
     VALUES ($1, $2, 'stripe', 'card', 12002, 'pending')`,
    [bookings.paying, organisationId],
  );
  return { training, taxableTraining, notSubjectConsultation, exemptConsultation, bookings };
}

async function draftInvoice(db: Client): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO invoices (chambre_id, type, type_code, status, organisation_id, payment_reference, service_date,
       total_excl_vat_cents, total_vat_cents, total_incl_vat_cents, seller, buyer, vat_breakdown)
     VALUES ((SELECT id FROM chambres), 'invoice', 380, 'draft', (SELECT id FROM organisations LIMIT 1),
             'RF-draft', '2026-03-01', 100, 0, 100, '{}', '{}', '[]')
     RETURNING id`,
  );
  return rows[0].id;
}
