import { DataSource, MigrationInterface } from 'typeorm';
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

/** Creates the database if needed and applies pending migrations; returns the names applied. */
export async function migrateDatabase(
  url: string,
  migrations: MigrationClass[],
): Promise<string[]> {
  await ensureDatabase(url);
  return withDataSource(url, migrations, async (dataSource) => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  });
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
