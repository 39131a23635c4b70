import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigService } from '@nestjs/config';
import {
  Environment,
  InvalidEnvironmentError,
  isGeneratedJwtSecret,
  loadEnvironment,
} from '@mutualis/core';
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
  // Only the api signs and checks access tokens (the worker never does), so only it warns.
  if (isGeneratedJwtSecret(config.get('JWT_ACCESS_SECRET', { infer: true }))) {
    new Logger('auth').warn(
      'JWT_ACCESS_SECRET is not set: access tokens are signed with a random secret made for this ' +
        'process only (development). Every token stops working when the api restarts, and no ' +
        'other api process accepts them. Set JWT_ACCESS_SECRET (e.g. `openssl rand -base64 48`) ' +
        'to keep sign-ins across restarts.',
    );
  }
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
