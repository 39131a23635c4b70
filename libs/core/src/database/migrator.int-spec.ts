import { Client } from 'pg';
import { discoverMigrations } from '../../../../test/support/migrations';
import { ensureApplicationRole } from './application-privileges';
import { applicationDatabaseUrl, databaseUserOf } from './application-role';
import { dropDatabase, ensureDatabase } from './ensure-database';
import { migrateDatabase, revertLastMigration } from './migrator';

function urlFor(name: string): string {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

async function tables(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    );
    return result.rows.map((row) => row.table_name);
  } finally {
    await client.end();
  }
}

describe('migrator', () => {
  const url = urlFor(`mutualis_migrator_${process.pid}_${Date.now().toString(36)}`);

  afterAll(async () => {
    await dropDatabase(url);
  });

  it('creates the database when it does not exist, and only once', async () => {
    expect(await ensureDatabase(url)).toBe(true);
    expect(await ensureDatabase(url)).toBe(false);
  });

  it('applies every migration, then none the second time', async () => {
    const migrations = discoverMigrations();
    const applied = await migrateDatabase(url, migrations);
    expect(applied).toHaveLength(migrations.length);
    expect(await migrateDatabase(url, migrations)).toEqual([]);
    expect(await tables(url)).toEqual(
      expect.arrayContaining(['users', 'organisations', 'schema_migrations']),
    );
  });

  it('reverts every migration down to an empty schema, and applies them again', async () => {
    const migrations = discoverMigrations();
    for (let index = 0; index < migrations.length; index++)
      await revertLastMigration(url, migrations);
    expect(await tables(url)).toEqual(['schema_migrations']);
    expect(await migrateDatabase(url, migrations)).toHaveLength(migrations.length);
  });

  it('creates the application role once, even when two databases are migrated at once', async () => {
    // A role of this test's own, so that both migrators find it missing and race to create it.
    const role = { name: `mutualis_app_race_${process.pid}`, password: null };
    const urls = [1, 2].map((n) => urlFor(`mutualis_migrator_race${n}_${Date.now().toString(36)}`));
    try {
      await Promise.all(urls.map((target) => migrateDatabase(target, discoverMigrations(), role)));
      for (const target of urls) {
        const client = new Client({ connectionString: applicationDatabaseUrl(target, role) });
        await client.connect();
        try {
          const { rows } = await client.query<{ user: string; can_delete: boolean }>(
            `SELECT current_user AS user, has_table_privilege('invoices', 'DELETE') AS can_delete`,
          );
          expect(rows).toEqual([{ user: role.name, can_delete: false }]);
        } finally {
          await client.end();
        }
      }
    } finally {
      await Promise.all(urls.map(dropDatabase));
      const owner = new Client({ connectionString: process.env.DATABASE_URL });
      await owner.connect();
      await owner.query(`DROP ROLE IF EXISTS ${role.name}`).finally(() => owner.end());
    }
  });

  it('creates and changes the cluster-wide role one migrator at a time', async () => {
    const role = { name: `mutualis_app_lock_${process.pid}`, password: 'rotated-at-each-run' };
    try {
      const runs = await Promise.allSettled(
        Array.from({ length: 8 }, () => ensureApplicationRole(url, role)),
      );
      expect(runs.filter((run) => run.status === 'rejected')).toEqual([]);
    } finally {
      const owner = new Client({ connectionString: process.env.DATABASE_URL });
      await owner.connect();
      await owner.query(`DROP ROLE IF EXISTS ${role.name}`).finally(() => owner.end());
    }
  });

  it('refuses to make the owner that migrates the application role', async () => {
    const owner = databaseUserOf(url);
    await expect(
      migrateDatabase(url, discoverMigrations(), { name: owner, password: null }),
    ).rejects.toThrow(/is the owner that runs the migrations/);
  });
});
