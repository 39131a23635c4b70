import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger as PinoLogger } from 'nestjs-pino';
import {
  Environment,
  HandlerCatalogueError,
  InvalidEnvironmentError,
  loadEnvironment,
} from '@mutualis/core';
import { WorkerModule } from './worker.module';

/** Time left to finish running jobs before the process gives up on a clean stop. */
const SHUTDOWN_GRACE_MS = 25_000;

async function bootstrap(): Promise<void> {
  process.title = 'mutualis-worker';
  // Checked before Nest starts, so a bad environment gets a short explanation, not a stack trace.
  loadEnvironment();
  const app = await NestFactory.create<NestExpressApplication>(WorkerModule, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(PinoLogger));
  app.disable('x-powered-by');
  const logger = new Logger('worker');
  const config = app.get<ConfigService<Environment, true>>(ConfigService);

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.log(`received ${signal}: finishing running jobs, then stopping`);
    setTimeout(() => {
      logger.error('jobs did not finish in time; stopping anyway');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    app.close().then(
      () => {
        logger.log('worker stopped cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  await app.listen(
    config.get('WORKER_HEALTH_PORT', { infer: true }),
    config.get('HOST', { infer: true }),
  );
  logger.log(`worker ready; health on port ${config.get('WORKER_HEALTH_PORT', { infer: true })}`);
}

bootstrap().catch((error: unknown) => {
  if (error instanceof InvalidEnvironmentError || error instanceof HandlerCatalogueError) {
    process.stderr.write(`mutualis-worker: refusing to start.\n${error.message}\n`);
  } else {
    process.stderr.write(
      `mutualis-worker: failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
  }
  process.exit(1);
});
