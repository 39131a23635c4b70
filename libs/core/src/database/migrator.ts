import { DataSource, MigrationInterface } from 'typeorm';
import {
  allowApplicationLogin,
  ensureApplicationRole,
  grantApplicationPrivileges,
} from './application-privileges';
import { ApplicationRole, applicationRole } from './application-role';
import { postgresOptions } from './data-source-options';
import { ensureDatabase } from './ensure-database';

type MigrationClass = new () => MigrationInterface;

async function withDataSource<T>(
  url: string,
  migrations: MigrationClass[],
  work: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  const dataSource = new DataSource({
    ...postgresOptions({ url, poolSize: 1, applicationName: 'mutualis-migrator' }),
    migrations,
    logging: ['error', 'warn', 'migration'],
  });
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * As the owner (the user of `url`): creates the database if needed, applies pending migrations,
 * then gives the application role (created when missing) exactly its privileges; returns the
 * names applied. The role defaults to APP_DATABASE_USER / APP_DATABASE_PASSWORD of the process.
 */
export async function migrateDatabase(
  url: string,
  migrations: MigrationClass[],
  role: ApplicationRole = applicationRole(),
): Promise<string[]> {
  await ensureDatabase(url);
  await ensureApplicationRole(url, role);
  const applied = await withDataSource(url, migrations, async (dataSource) => {
    const done = await dataSource.runMigrations({ transaction: 'each' });
    await grantApplicationPrivileges(dataSource, role);
    return done.map((migration) => migration.name);
  });
  await allowApplicationLogin(url, role);
  return applied;
}

/** Reverts the last applied migration. */
export async function revertLastMigration(
  url: string,
  migrations: MigrationClass[],
): Promise<void> {
  await withDataSource(url, migrations, (dataSource) =>
    dataSource.undoLastMigration({ transaction: 'each' }),
  );
}
