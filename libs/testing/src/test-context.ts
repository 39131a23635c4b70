import { DynamicModule, INestApplicationContext, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { CoreConfigModule, DatabaseModule, OutboxModule, RedisModule } from '@mutualis/core';

/**
 * A Nest context of real modules on the run's database and Redis, for integration specs of
 * use cases (no HTTP). Close it in afterAll.
 */
export async function createTestContext(
  imports: (Type<unknown> | DynamicModule)[],
): Promise<INestApplicationContext> {
  const moduleRef = await Test.createTestingModule({
    imports: [CoreConfigModule, DatabaseModule, RedisModule, OutboxModule, ...imports],
  }).compile();
  return moduleRef.init();
}
