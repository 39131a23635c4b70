import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { dropDatabase, migrateDatabase } from '@mutualis/core';
import { validSiret } from '@mutualis/testing';
import { discoverMigrations } from '../support/migrations';

const NORMALISE = 1796101000000;
const timestampOf = (migration: new () => { name?: string }) =>
  Number(/(\d{13})$/.exec(new migration().name ?? '')?.[1]);

// Issue 16, §1.4: the migration that puts every stored e-mail address in normaliseEmail's
// form, on a database that holds addresses written before it.
describe('migration 1796101000000: normalised e-mail addresses', () => {
  const migrations = discoverMigrations();
  const url = (() => {
    const base = new URL(process.env.DATABASE_URL!);
    base.pathname = `${base.pathname}_emails_${randomBytes(3).toString('hex')}`.slice(0, 63);
    return base.toString();
  })();
  let db: Client;

  beforeAll(async () => {
    await migrateDatabase(
      url,
      migrations.filter((migration) => timestampOf(migration) < NORMALISE),
    );
    db = new Client({ connectionString: url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await dropDatabase(url);
  });

  const insertUser = async (email: string): Promise<string> =>
    (
      await db.query<{ id: string }>(
        `INSERT INTO users (email, name, password_hash) VALUES ($1, 'Someone', 'x') RETURNING id`,
        [email],
      )
    ).rows[0].id;

  it('stops on two accounts that become one address, naming both and changing nothing; then normalises every address once they are told apart', async () => {
    const ines = await insertUser('Inès@Example.ORG');
    // PostgreSQL's lower() left full-width letters alone: both rows passed the old index.
    const fullWidth = await insertUser('ａｄｍｉｎ@asso.fr');
    const dotted = await insertUser('ADMİN@asso.fr');
    const { rows: organisations } = await db.query<{ id: string }>(
      `INSERT INTO organisations (legal_name, legal_form, siret, address_line1, postal_code, city, department, billing_email)
       VALUES ('Asso', 'association', $1, '1 rue', '13001', 'Marseille', '13', 'Compta@ASSO.fr') RETURNING id`,
      [validSiret()],
    );
    const organisationId = organisations[0].id;
    const invite = async (email: string, minutesAgo: number) =>
      (
        await db.query<{ id: string }>(
          `INSERT INTO invitations (organisation_id, email, role, token_hash, expires_at, created_at)
           VALUES ($1, $2, 'org_member', $3, now() + interval '7 days', now() - make_interval(mins => $4))
           RETURNING id`,
          [organisationId, email, randomBytes(32).toString('hex'), minutesAgo],
        )
      ).rows[0].id;
    const older = await invite('ｂob@asso.fr', 10);
    const newer = await invite('bob@asso.fr', 5);

    const refused = migrateDatabase(url, migrations);
    await expect(refused).rejects.toThrow(/1 e-mail address\(es\) belong to several accounts/);
    await expect(refused).rejects.toThrow(fullWidth);
    await expect(refused).rejects.toThrow(dotted);
    // Rows inserted in the same millisecond: compared as a set, each spelling as it was.
    const { rows: untouched } = await db.query<{ email: string }>(`SELECT email FROM users`);
    expect(untouched.map((row) => row.email).sort()).toEqual(
      ['Inès@Example.ORG', 'ａｄｍｉｎ@asso.fr', 'ADMİN@asso.fr'].sort(),
    );

    // The operator gives one of the two accounts another address, and migrates again.
    await db.query(`UPDATE users SET email = 'ancien-admin@asso.fr' WHERE id = $1`, [fullWidth]);
    await migrateDatabase(url, migrations);

    const { rows: users } = await db.query<{ id: string; email: string }>(
      `SELECT id, email FROM users`,
    );
    expect(Object.fromEntries(users.map((row) => [row.id, row.email]))).toEqual({
      [ines]: 'inès@example.org',
      [fullWidth]: 'ancien-admin@asso.fr',
      [dotted]: 'admin@asso.fr',
    });
    const { rows: index } = await db.query<{ indexdef: string }>(
      `SELECT indexdef FROM pg_indexes WHERE indexname = 'users_email_key'`,
    );
    expect(index[0].indexdef).toMatch(
      /UNIQUE INDEX users_email_key ON public\.users USING btree \(email\)/,
    );
    await expect(insertUser('admin@asso.fr')).rejects.toThrow(/users_email_key/);

    const { rows: invitations } = await db.query<{ id: string; email: string; open: boolean }>(
      `SELECT id, email, revoked_at IS NULL AS open FROM invitations`,
    );
    expect(invitations).toEqual(
      expect.arrayContaining([
        { id: older, email: 'bob@asso.fr', open: false },
        { id: newer, email: 'bob@asso.fr', open: true },
      ]),
    );
    const { rows: billing } = await db.query<{ billing_email: string }>(
      `SELECT billing_email FROM organisations WHERE id = $1`,
      [organisationId],
    );
    expect(billing[0].billing_email).toBe('compta@asso.fr');
  });
});
