import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface DatabaseSettings {
  url: string;
  poolSize?: number;
  applicationName?: string;
}

/** The one description of how we talk to PostgreSQL, shared by the apps, the migrator and the tests. */
export function postgresOptions(settings: DatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    // Extensions come from migrations, run by the owner; the apps' role may not create any.
    installExtensions: false,
    applicationName: settings.applicationName ?? 'mutualis',
    poolSize: settings.poolSize ?? 10,
    extra: {
      // Fail fast instead of queueing forever when the pool is exhausted or the server is gone.
      connectionTimeoutMillis: 15_000,
      idleTimeoutMillis: 30_000,
    },
  };
}
