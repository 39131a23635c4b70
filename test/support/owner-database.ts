import { Client } from 'pg';

/**
 * The run's database as its owner (DATABASE_URL, the role migrations run as), for what the
 * application role may not do: a test's own trigger, or proving that a trigger binds even the
 * owner. The apps and `sql()` connect as the application role.
 */
export async function asOwner<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** One statement as the owner. */
export function ownerSql<T extends object = Record<string, unknown>>(
  query: string,
  parameters: unknown[] = [],
): Promise<T[]> {
  return asOwner(async (client) => (await client.query<T>(query, parameters)).rows);
}
