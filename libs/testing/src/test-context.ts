import { DynamicModule, INestApplicationContext, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { CoreConfigModule, DatabaseModule, OutboxModule, RedisModule } from '@mutualis/core';

/**
 * A Nest context of real modules on the run's database and Redis, for integration specs of
 * use cases (no HTTP). Close it in afterAll. `env` adds settings (a storage folder, a Stripe
 * stand-in's address) for the context's whole life: they are read at start and some later, so
 * the process's environment is given back only when the context closes.
 */
export async function createTestContext(
  imports: (Type<unknown> | DynamicModule)[],
  env: Record<string, string> = {},
): Promise<INestApplicationContext> {
  const saved = process.env;
  process.env = { ...saved, ...env };
  try {
    const moduleRef = await Test.createTestingModule({
      imports: [CoreConfigModule, DatabaseModule, RedisModule, OutboxModule, ...imports],
    }).compile();
    const context = await moduleRef.init();
    const close = context.close.bind(context);
    context.close = async () => {
      try {
        await close();
      } finally {
        process.env = saved;
      }
    };
    return context;
  } catch (error) {
    process.env = saved;
    throw error;
  }
}
