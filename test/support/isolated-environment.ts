import { randomBytes } from 'node:crypto';
import { dropDatabase, migrateDatabase } from '@mutualis/core';
import { discoverMigrations } from './migrations';

export interface IsolatedEnvironment {
  /** Variables that point an app or a worker at this database and Redis prefix. */
  env: Record<string, string>;
  databaseUrl: string;
  redisPrefix: string;
  drop: () => Promise<void>;
}

/**
 * A database and Redis prefix of its own, for tests that run a worker: a worker relays every
 * event of its database, so two test files sharing one would take each other's jobs.
 */
export async function isolatedEnvironment(label: string): Promise<IsolatedEnvironment> {
  const suffix = `${label}_${randomBytes(3).toString('hex')}`;
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `${url.pathname}_${suffix}`.slice(0, 63);
  const databaseUrl = url.toString();
  const redisPrefix = `${process.env.REDIS_PREFIX}-${suffix}`;
  await migrateDatabase(databaseUrl, discoverMigrations());
  return {
    env: { DATABASE_URL: databaseUrl, REDIS_PREFIX: redisPrefix },
    databaseUrl,
    redisPrefix,
    drop: () =>
      process.env.KEEP_TEST_DATABASE === '1' ? Promise.resolve() : dropDatabase(databaseUrl),
  };
}
