import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MigrationInterface } from 'typeorm';

type MigrationClass = new () => MigrationInterface;

/**
 * Every context's migrations, found on disk. Jest's global setup cannot resolve the
 * @mutualis/* aliases, so it reads libs/<context>/src/migrations directly; a unit test checks
 * that the api's own list (apps/api/src/database/schema.ts) names exactly these.
 */
export function discoverMigrations(): MigrationClass[] {
  const libs = join(__dirname, '..', '..', 'libs');
  return readdirSync(libs)
    .map((context) => join(libs, context, 'src', 'migrations', 'index.ts'))
    .filter((file) => existsSync(file))
    .flatMap((file) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const exported = require(file) as Record<string, unknown>;
      return Object.values(exported).filter(Array.isArray).flat() as MigrationClass[];
    });
}
