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

  beforeAll(async () => {
    await migrateDatabase(url, before);
    db = new Client({ connectionString: url });
    await db.connect();
    await seedBefore(db);
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
      `SELECT number, vat_breakdown, total_incl_vat_cents AS total FROM invoices ORDER BY number`,
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
