import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';

let loadedWith: string | null = null;

/**
 * The real api module, configured exactly as main.ts does, on the run's own database and
 * Redis prefix. @nestjs/config validates the environment when the module is first imported,
 * so overrides apply to the first app a test file creates; later apps must ask for the same.
 */
export async function createTestApp(
  overrides: Record<string, string> = {},
): Promise<NestExpressApplication> {
  const signature = JSON.stringify(overrides);
  if (loadedWith !== null && loadedWith !== signature) {
    throw new Error(
      'createTestApp: environment overrides differ from the first app of this test file',
    );
  }
  loadedWith = signature;
  Object.assign(process.env, overrides);
  const { ApiModule } = await import('../../../apps/api/src/api.module');
  const { configureApp } = await import('../../../apps/api/src/configure-app');
  const moduleRef = await Test.createTestingModule({ imports: [ApiModule] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ rawBody: true });
  configureApp(app);
  await app.init();
  return app;
}

/** Runs SQL against the app's own database, for arranging states no route creates (expired tokens). */
export function sql<T = unknown>(
  app: INestApplication,
  query: string,
  parameters: unknown[] = [],
): Promise<T> {
  return app.get(DataSource).query<T>(query, parameters);
}
