import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigService } from '@nestjs/config';
import { Environment, InvalidEnvironmentError, loadEnvironment } from '@mutualis/core';
import { ApiModule } from './api.module';
import { configureApp } from './configure-app';

async function bootstrap(): Promise<void> {
  process.title = 'mutualis-api';
  // Checked before Nest starts, so a bad environment gets a short explanation, not a stack trace.
  loadEnvironment();
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, {
    bufferLogs: true,
    rawBody: true,
    // Let start-up errors reach the handler below, which explains them, instead of Nest aborting.
    abortOnError: false,
  });
  configureApp(app);
  const config = app.get<ConfigService<Environment, true>>(ConfigService);
  await app.listen(config.get('PORT', { infer: true }), config.get('HOST', { infer: true }));
}

bootstrap().catch((error: unknown) => {
  if (error instanceof InvalidEnvironmentError) {
    process.stderr.write(`mutualis-api: refusing to start.\n${error.message}\n`);
  } else {
    process.stderr.write(
      `mutualis-api: failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
  }
  process.exit(1);
});
