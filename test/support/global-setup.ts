import { migrateDatabase } from '../../libs/core/src/database/migrator';
import { discoverMigrations } from './migrations';
import { newTestRun, RUN_FILE_ENV, testEnvironment } from './test-environment';

/** Each run gets a fresh database with every migration applied, and its own Redis key prefix. */
export default async function globalSetup(): Promise<void> {
  const run = newTestRun();
  Object.assign(process.env, testEnvironment(run), { [RUN_FILE_ENV]: JSON.stringify(run) });
  await migrateDatabase(run.databaseUrl, discoverMigrations());
}
