import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Module, RequestMethod } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { Environment } from '../config/environment';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/** Takes a well-formed X-Request-Id from the caller (a proxy), or makes one, and echoes it back. */
export function requestId(request: IncomingMessage, response: ServerResponse): string {
  const given = request.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  response.setHeader('X-Request-Id', id);
  return id;
}

/**
 * A request's URL for the log, without the secrets e-mailed links carry: in their query
 * (`/reset-password?token=…`, `/verify-email?token=…`, served by the api with the web app) or
 * in their path (`/invitations/:token`, and the api's `/api/invitations/:token[/accept]`).
 */
export function loggableUrl(url: string): string {
  return url
    .replace(/([?&]token=)[^&#]*/gi, '$1[redacted]')
    .replace(/(\/invitations\/)[^/?#]+/g, '$1[redacted]');
}

/** Structured JSON logs (pino), one line per request with its id; secrets redacted. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => ({
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        pinoHttp: {
          level: config.get('LOG_LEVEL', { infer: true }),
          genReqId: requestId,
          serializers: {
            req: (request: {
              id: string;
              method: string;
              url: string;
              remoteAddress?: string;
            }) => ({
              id: request.id,
              method: request.method,
              url: loggableUrl(request.url),
              remoteAddress: request.remoteAddress,
            }),
            res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
          },
          redact: {
            paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
            censor: '[redacted]',
          },
          autoLogging: {
            ignore: (request: IncomingMessage) => request.url?.startsWith('/api/health') ?? false,
          },
          customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
            error || response.statusCode >= 500
              ? 'error'
              : response.statusCode >= 400
                ? 'warn'
                : 'info',
          transport: config.get('LOG_PRETTY', { infer: true })
            ? { target: 'pino-pretty', options: { singleLine: true } }
            : undefined,
        },
      }),
    }),
  ],
})
export class LoggingModule {}
