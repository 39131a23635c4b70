import { INestApplicationContext } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createTestContext } from '@mutualis/testing';
import { DEFAULT_APPLICATION_ROLE, PROTECTED_TABLES } from './application-role';

/** The owner's connection (DATABASE_URL), as a migration would have. */
async function asOwner<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const INSUFFICIENT_PRIVILEGE = { code: '42501' };

describe('the application’s own database connection', () => {
  let context: INestApplicationContext;
  let db: DataSource;

  beforeAll(async () => {
    context = await createTestContext([]);
    db = context.get(DataSource);
  });

  afterAll(async () => {
    await context.close();
  });

  it('is the application role, not the owner that ran the migrations', async () => {
    const [row] = await db.query<{ current_user: string; owner: string }[]>(
      `SELECT current_user,
              (SELECT tableowner FROM pg_tables WHERE tablename = 'invoices') AS owner`,
    );
    expect(row.current_user).toBe(DEFAULT_APPLICATION_ROLE);
    expect(row.owner).not.toBe(DEFAULT_APPLICATION_ROLE);
  });

  it('has no power over the cluster and belongs to no other role', async () => {
    const [role] = await db.query<Record<string, boolean | number>[]>(
      `SELECT rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls, rolinherit,
              (SELECT count(*)::int FROM pg_auth_members WHERE member = r.oid) AS memberships
         FROM pg_roles r WHERE rolname = current_user`,
    );
    expect(role).toEqual({
      rolsuper: false,
      rolcreatedb: false,
      rolcreaterole: false,
      rolreplication: false,
      rolbypassrls: false,
      rolinherit: true,
      memberships: 0,
    });
  });

  it('owns no object: no table, function, type, schema or database', async () => {
    const owned = await db.query<{ object: string }[]>(
      `WITH me AS (SELECT oid FROM pg_roles WHERE rolname = current_user)
       SELECT 'relation ' || c.oid::regclass::text AS object FROM pg_class c, me WHERE c.relowner = me.oid
       UNION ALL SELECT 'routine ' || p.oid::regprocedure::text FROM pg_proc p, me WHERE p.proowner = me.oid
       UNION ALL SELECT 'type ' || t.oid::regtype::text FROM pg_type t, me WHERE t.typowner = me.oid
       UNION ALL SELECT 'schema ' || n.nspname FROM pg_namespace n, me WHERE n.nspowner = me.oid
       UNION ALL SELECT 'database ' || d.datname FROM pg_database d, me WHERE d.datdba = me.oid`,
    );
    expect(owned).toEqual([]);
  });

  it.each(PROTECTED_TABLES.map((entry) => entry.table))(
    'may neither DELETE from nor TRUNCATE %s, even matching no row',
    async (table) => {
      for (const statement of [
        `DELETE FROM ${table}`,
        `DELETE FROM ${table} WHERE false`,
        `TRUNCATE ${table}`,
        `TRUNCATE ${table} CASCADE`,
      ]) {
        await expect(db.query(statement)).rejects.toMatchObject(INSUFFICIENT_PRIVILEGE);
      }
    },
  );

  it.each(PROTECTED_TABLES.filter((entry) => entry.appendOnly).map((entry) => entry.table))(
    'may not UPDATE %s, which is append-only',
    async (table) => {
      const [{ column }] = await db.query<{ column: string }[]>(
        `SELECT column_name AS column FROM information_schema.columns
          WHERE table_schema = 'public' AND table_name = $1 AND is_identity = 'NO'
            AND is_generated = 'NEVER' ORDER BY ordinal_position LIMIT 1`,
        [table],
      );
      await expect(
        db.query(`UPDATE ${table} SET ${column} = ${column} WHERE false`),
      ).rejects.toMatchObject(INSUFFICIENT_PRIVILEGE);
    },
  );

  it('cannot switch the triggers that keep invoices, nor bypass them for replication', async () => {
    for (const statement of [
      `ALTER TABLE invoices DISABLE TRIGGER invoices_immutable`,
      `ALTER TABLE invoices DISABLE TRIGGER ALL`,
      `ALTER TABLE invoice_lines DISABLE TRIGGER USER`,
      `ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`,
      `DROP TRIGGER invoices_immutable ON invoices`,
      `CREATE OR REPLACE FUNCTION invoices_keep_issued_content() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`,
      `SET session_replication_role = replica`,
    ]) {
      await expect(db.query(statement)).rejects.toMatchObject(INSUFFICIENT_PRIVILEGE);
    }
    const [{ enabled }] = await db.query<{ enabled: string }[]>(
      `SELECT tgenabled AS enabled FROM pg_trigger WHERE tgname = 'invoices_immutable'`,
    );
    expect(enabled).not.toBe('D');
  });

  it('cannot change the schema: no table made, altered or dropped', async () => {
    for (const statement of [
      `CREATE TABLE app_made (id int)`,
      `ALTER TABLE invoices ADD COLUMN note text`,
      `ALTER TABLE invoices DROP CONSTRAINT invoices_totals_add_up`,
      `DROP TABLE invoice_payments`,
    ]) {
      await expect(db.query(statement)).rejects.toMatchObject(INSUFFICIENT_PRIVILEGE);
    }
    // Nor give itself back what it lacks: PostgreSQL only warns, and grants nothing.
    await db.query(`GRANT DELETE, TRUNCATE ON invoices TO PUBLIC, ${DEFAULT_APPLICATION_ROLE}`);
    const [privileges] = await db.query<{ del: boolean; truncate: boolean }[]>(
      `SELECT has_table_privilege('invoices', 'DELETE') AS del,
              has_table_privilege('invoices', 'TRUNCATE') AS truncate`,
    );
    expect(privileges).toEqual({ del: false, truncate: false });
  });

  it('neither reads nor writes the migrations’ own table', async () => {
    await expect(db.query(`SELECT count(*) FROM schema_migrations`)).rejects.toMatchObject(
      INSUFFICIENT_PRIVILEGE,
    );
    await expect(db.query(`DELETE FROM schema_migrations`)).rejects.toMatchObject(
      INSUFFICIENT_PRIVILEGE,
    );
  });

  it('reads and writes the rows of a table a later migration creates, through default privileges', async () => {
    const table = `later_migration_${randomBytes(4).toString('hex')}`;
    await asOwner((owner) =>
      owner.query(`CREATE TABLE ${table} (id serial PRIMARY KEY, note text)`),
    );
    try {
      await db.query(`INSERT INTO ${table} (note) VALUES ('written by the app')`);
      await db.query(`UPDATE ${table} SET note = 'changed'`);
      expect(await db.query(`SELECT note FROM ${table}`)).toEqual([{ note: 'changed' }]);
      await db.query(`DELETE FROM ${table}`);
      await expect(db.query(`TRUNCATE ${table}`)).rejects.toMatchObject(INSUFFICIENT_PRIVILEGE);
    } finally {
      await asOwner((owner) => owner.query(`DROP TABLE ${table}`));
    }
  });

  it('protects tables that exist: the one list names no table by mistake', async () => {
    const rows = await db.query<{ name: string }[]>(
      `SELECT t AS name FROM unnest($1::text[]) AS t WHERE to_regclass('public.' || t) IS NULL`,
      [PROTECTED_TABLES.map((entry) => entry.table)],
    );
    expect(rows).toEqual([]);
  });
});
