import { dropDatabase } from '@mutualis/core/database/ensure-database';
import { migrateDatabase } from '@mutualis/core/database/migrator';
import { Client } from 'pg';
import { discoverMigrations } from '../../test/support/migrations';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/mutualis';

/** The URL of a throw-away bench database on the server of DATABASE_URL. */
export function benchDatabaseUrl(name: string): string {
  const url = new URL(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops the database if it exists, creates it and applies every context's migrations. */
export async function freshDatabase(url: string): Promise<string[]> {
  await dropDatabase(url);
  return migrateDatabase(url, discoverMigrations());
}

/** Drops the bench database, unless KEEP_BENCH_DATABASE=1 asks to keep it for a look. */
export async function disposeDatabase(url: string): Promise<void> {
  if (process.env.KEEP_BENCH_DATABASE === '1') {
    console.log(`KEEP_BENCH_DATABASE=1: keeping ${new URL(url).pathname.slice(1)}`);
    return;
  }
  await dropDatabase(url);
}

export async function connect(url: string, applicationName: string): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: applicationName });
  await client.connect();
  return client;
}

/** The server's version and the settings that shape plans and timings. */
export async function serverFacts(client: Client): Promise<Record<string, string>> {
  const { rows } = await client.query<{ name: string; setting: string; unit: string | null }>(
    `SELECT name, setting, unit FROM pg_settings
      WHERE name IN ('server_version', 'shared_buffers', 'work_mem', 'effective_cache_size',
                     'random_page_cost', 'jit', 'max_parallel_workers_per_gather')
      ORDER BY name`,
  );
  return Object.fromEntries(
    rows.map((row) => [row.name, row.unit ? `${row.setting} × ${row.unit}` : row.setting]),
  );
}
