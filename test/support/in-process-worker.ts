import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Clock } from '@mutualis/core';
import { WorkerModule } from '../../apps/worker/src/worker.module';

/**
 * The worker's module (outbox relay, every queue's consumer and handler) started in the test's
 * process, as main.ts starts it but without the health port, with the test's Clock: a built
 * worker runs on the real clock, which a simulation of months cannot use. Overrides change the
 * environment this worker validates at creation.
 */
export async function startInProcessWorker(
  overrides: Record<string, string>,
  clock: Clock,
): Promise<INestApplication> {
  const saved = process.env;
  process.env = { ...saved, ...overrides };
  try {
    const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    const worker = moduleRef.createNestApplication();
    await worker.init();
    return worker;
  } finally {
    process.env = saved;
  }
}
