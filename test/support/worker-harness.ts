import { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { createTestApp } from './test-app';
import { IsolatedEnvironment, isolatedEnvironment } from './isolated-environment';
import { BUILT_WORKER, freePort, RunningProcess, startBuilt, waitForOk } from './processes';

/** An api in the test process and built workers beside it, on a database and Redis prefix of their own. */
export interface WorkerHarness {
  environment: IsolatedEnvironment;
  /** What both the api and the workers run with. */
  env: Record<string, string>;
  app: NestExpressApplication;
  db: DataSource;
  workers: RunningProcess[];
  /** Starts one more worker process and waits until it is ready. */
  startWorker(): Promise<RunningProcess>;
  /** Stops the workers (SIGTERM), the api, and drops the database. */
  stop(): Promise<void>;
}

export async function startWorkerHarness(
  label: string,
  settings: Record<string, string> = {},
  options: { workers?: number } = {},
): Promise<WorkerHarness> {
  const environment = await isolatedEnvironment(label);
  const env = { ...environment.env, OUTBOX_POLL_MS: '50', ...settings };
  const app = await createTestApp(env);
  const workers: RunningProcess[] = [];
  const startWorker = async (): Promise<RunningProcess> => {
    const port = await freePort();
    const worker = startBuilt(BUILT_WORKER, {
      ...env,
      WORKER_HEALTH_PORT: String(port),
      HOST: '127.0.0.1',
    });
    workers.push(worker);
    await waitForOk(`http://127.0.0.1:${port}/health/ready`);
    return worker;
  };
  for (let index = 0; index < (options.workers ?? 1); index++) await startWorker();
  return {
    environment,
    env,
    app,
    db: app.get(DataSource),
    workers,
    startWorker,
    stop: async () => {
      const running = workers.filter(
        (worker) => worker.child.exitCode === null && worker.child.signalCode === null,
      );
      for (const worker of running) worker.child.kill('SIGTERM');
      await Promise.all(running.map((worker) => worker.exited));
      await app.close();
      await environment.drop();
    },
  };
}
