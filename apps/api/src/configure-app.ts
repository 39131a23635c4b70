import { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigService } from '@nestjs/config';
import { Logger } from 'nestjs-pino';
import { Environment } from '@mutualis/core';
import { MAX_LOGO_BYTES } from '@mutualis/invoicing';
import { useUntrustedInputParsers } from './http/untrusted-input';
import { createValidationPipe } from './http/validation.pipe';
import { securityHeaders } from './http/security-headers';
import { QueueDashboard } from './admin/queue-dashboard';
import { serveOpenApi } from './openapi';
import { serveWebApp } from './web-app';

/** Everything an api instance needs beyond its module; shared by main.ts and the end-to-end tests. */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  const config = app.get<ConfigService<Environment, true>>(ConfigService);
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api');
  app.set('trust proxy', config.get('TRUST_PROXY_HOPS', { infer: true }));
  app.disable('x-powered-by');
  app.use(securityHeaders());
  app.enableCors({
    origin: config.get('CORS_ORIGINS', { infer: true }),
    credentials: false,
    exposedHeaders: ['Retry-After', 'X-Request-Id', 'Location'],
  });
  useUntrustedInputParsers(app, MAX_LOGO_BYTES);
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  serveOpenApi(app);
  app.get(QueueDashboard).mount(app);
  serveWebApp(app, config.get('WEB_DIST_DIR', { infer: true }));
  return app;
}
