import { Client } from 'pg';
import { discoverMigrations } from '../../../../test/support/migrations';
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
});
