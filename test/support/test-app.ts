import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApp } from '../../apps/api/src/configure-app';

/**
 * The real api module, configured exactly as main.ts does, on the run's own database and
 * Redis prefix. Overrides change the environment this app validates at creation.
 */
export async function createTestApp(
  overrides: Record<string, string> = {},
): Promise<NestExpressApplication> {
  const saved = process.env;
  process.env = { ...saved, ...overrides };
  try {
    const moduleRef = await Test.createTestingModule({ imports: [ApiModule] }).compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({ rawBody: true });
    configureApp(app);
    await app.init();
    return app;
  } finally {
    process.env = saved;
  }
}

/** Runs SQL against the app's own database, for arranging states no route creates (expired tokens). */
export function sql<T = unknown>(
  app: INestApplication,
  query: string,
  parameters: unknown[] = [],
): Promise<T> {
  return app.get(DataSource).query<T>(query, parameters);
}
