import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  applicationRole,
  InvalidEnvironmentError,
  loadEnvironment,
  migrateDatabase,
  revertLastMigration,
} from '@mutualis/core';
import { allMigrations } from './database/schema';
import { DemoModule } from './demo/demo.module';
import { DemoSeeder } from './demo/demo.seeder';
import { ApiModule } from './api.module';
import { buildOpenApiDocument } from './openapi';
import { writeFileSync } from 'node:fs';

const USAGE = 'usage: cli.js migrate | revert | seed | openapi <file>';

/** Operations around the api: schema migrations and demo data. */
async function main(command: string | undefined): Promise<void> {
  // The same variables as the api and the worker (the process's, over `.env`'s).
  const environment = loadEnvironment();
  const logger = new Logger('cli');
  switch (command) {
    case 'migrate': {
      // As the owner (DATABASE_URL); the application role is created and granted at the end.
      const applied = await migrateDatabase(
        environment.DATABASE_URL,
        allMigrations,
        applicationRole(environment),
      );
      logger.log(
        applied.length ? `applied ${applied.join(', ')}` : 'database schema is up to date',
      );
      return;
    }
    case 'revert':
      await revertLastMigration(environment.DATABASE_URL, allMigrations);
      logger.log('reverted the last migration');
      return;
    case 'seed': {
      const app = await NestFactory.createApplicationContext(DemoModule, {
        logger: ['error', 'warn', 'log'],
      });
      try {
        await app.get(DemoSeeder).seed();
      } finally {
        await app.close();
      }
      return;
    }
    case 'openapi': {
      // Preview mode reads the controllers' metadata without connecting to PostgreSQL or Redis,
      // so the web client can be generated on a machine with neither.
      const app = await NestFactory.create(ApiModule, { preview: true, logger: ['error'] });
      app.setGlobalPrefix('api');
      const target = process.argv[3];
      if (!target) throw new Error(USAGE);
      writeFileSync(target, `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`);
      await app.close();
      logger.log(`wrote ${target}`);
      return;
    }
    default:
      throw new Error(USAGE);
  }
}

main(process.argv[2]).then(
  () => process.exit(0),
  (error: unknown) => {
    const message =
      error instanceof InvalidEnvironmentError
        ? error.message
        : error instanceof Error
          ? error.message
          : String(error);
    process.stderr.write(`mutualis: ${message}\n`);
    process.exit(1);
  },
);
