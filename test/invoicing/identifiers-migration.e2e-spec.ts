import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { dropDatabase, migrateDatabase } from '@mutualis/core';
import { validSiret, vatNumberOf } from '@mutualis/testing';
import { discoverMigrations } from '../support/migrations';

const FIRST = 1796204000000;
const timestampOf = (migration: new () => { name?: string }) =>
  Number(/(\d{13})$/.exec(new migration().name ?? '')?.[1]);

// Migrations ValidVatNumbers and ChambreIdentifiers on a database that holds identifiers
// written before them: nothing invalid stays usable, nothing is lost without a trace.
describe('migrations 1796204000000 and 1796204050000: valid VAT numbers on existing data', () => {
  const migrations = discoverMigrations();
  const url = (() => {
    const base = new URL(process.env.DATABASE_URL!);
    base.pathname = `${base.pathname}_vat_${randomBytes(3).toString('hex')}`.slice(0, 63);
    return base.toString();
  })();
  let db: Client;

  beforeAll(async () => {
    await migrateDatabase(
      url,
      migrations.filter((migration) => timestampOf(migration) < FIRST),
    );
    db = new Client({ connectionString: url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await dropDatabase(url);
  });

  const insertOrganisation = async (siret: string, vatNumber: string | null) =>
    (
      await db.query<{ id: string }>(
        `INSERT INTO organisations (legal_name, legal_form, siret, address_line1, postal_code, city,
                                    department, billing_email, vat_number)
         VALUES ('SCOP', 'scop', $1, '1 rue', '13001', 'Marseille', '13', 'compta@scop.fr', $2)
         RETURNING id`,
        [siret, vatNumber],
      )
    ).rows[0].id;

  it('sends a Chambre reviewed with wrong identifiers back to review, and removes wrong VAT numbers of organisations, each in the audit log', async () => {
    // As the first migration left it (FR00000000000), then reviewed by an admin unchanged.
    await db.query(`UPDATE chambres SET configured = true WHERE slug = 'default'`);
    const right = validSiret();
    const wrong = validSiret();
    const kept = await insertOrganisation(right, vatNumberOf(right));
    const cleared = await insertOrganisation(wrong, 'FR40123456789');
    const without = await insertOrganisation(validSiret(), null);

    await migrateDatabase(url, migrations);

    const { rows: chambres } = await db.query<{ configured: boolean; vat_number: string }>(
      `SELECT configured, vat_number FROM chambres WHERE slug = 'default'`,
    );
    // Invoices wait for an admin; the value itself is left for them to correct.
    expect(chambres).toEqual([{ configured: false, vat_number: 'FR00000000000' }]);
    const { rows: organisations } = await db.query<{ id: string; vat_number: string | null }>(
      `SELECT id, vat_number FROM organisations`,
    );
    expect(Object.fromEntries(organisations.map((row) => [row.id, row.vat_number]))).toEqual({
      [kept]: vatNumberOf(right),
      [cleared]: null,
      [without]: null,
    });
    const { rows: audit } = await db.query<Record<string, unknown>>(
      `SELECT actor_label, action, entity_type, entity_id, before, after, reason
         FROM audit_log ORDER BY entity_type`,
    );
    expect(audit).toEqual([
      expect.objectContaining({
        actor_label: 'system:migration',
        action: 'chambre.updated',
        entity_type: 'chambre',
        before: { configured: true },
        after: { configured: false },
        reason: expect.stringContaining('FR00000000000'),
      }),
      expect.objectContaining({
        actor_label: 'system:migration',
        action: 'organisation.updated',
        entity_type: 'organisation',
        entity_id: cleared,
        before: { vatNumber: 'FR40123456789' },
        after: { vatNumber: null },
        reason: expect.stringContaining(vatNumberOf(wrong)),
      }),
    ]);

    // From now on the database refuses both.
    await expect(
      db.query(`UPDATE chambres SET configured = true WHERE slug = 'default'`),
    ).rejects.toMatchObject({ constraint: 'chambres_identifiers_valid_when_configured' });
    await expect(
      db.query(`UPDATE organisations SET vat_number = 'FR40123456789' WHERE id = $1`, [kept]),
    ).rejects.toMatchObject({ constraint: 'organisations_vat_number_of_siren' });
    // The admin's correction reviews it again.
    await db.query(
      `UPDATE chambres SET siret = '78111222200018', vat_number = 'FR08781112222', configured = true
        WHERE slug = 'default'`,
    );
  });
});
