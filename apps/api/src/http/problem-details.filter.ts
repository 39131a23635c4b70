import { randomUUID } from 'node:crypto';
import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { Request, Response } from 'express';
import {
  DomainException,
  ErrorKind,
  FieldProblem,
  PROBLEM_CONTENT_TYPE,
  ProblemDetails,
  problemType,
  requestId,
} from '@mutualis/core';
import { RequestValidationException } from './request-validation.exception';

const STATUS_OF_KIND: Record<ErrorKind, number> = {
  [ErrorKind.Invalid]: HttpStatus.BAD_REQUEST,
  [ErrorKind.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [ErrorKind.Forbidden]: HttpStatus.FORBIDDEN,
  [ErrorKind.NotFound]: HttpStatus.NOT_FOUND,
  [ErrorKind.Conflict]: HttpStatus.CONFLICT,
  [ErrorKind.Unprocessable]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorKind.TooManyRequests]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorKind.Unavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorKind.BadGateway]: HttpStatus.BAD_GATEWAY,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'rate_limited',
  503: 'unavailable',
};

/** Errors raised by Express' body parsers carry a status and a type; they are the client's fault. */
interface BodyParserError {
  status: number;
  type?: string;
  expose?: boolean;
  message: string;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  const candidate = error as Partial<BodyParserError> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.status === 'number' &&
    candidate.status >= 400 &&
    candidate.status < 500 &&
    candidate.expose === true
  );
}

/** PostgreSQL refusing connections (too many clients, starting up or shutting down). */
const SATURATED_SQLSTATES = new Set(['53300', '57P03']);

/**
 * The database is saturated, not broken: node-postgres' pool gave up waiting for a free
 * connection, or the server refused one. The client may retry, so this is a 503, not a 500.
 */
function isDatabaseSaturated(exception: unknown): boolean {
  if (!(exception instanceof Error)) return false;
  if (/timeout exceeded when trying to connect/i.test(exception.message)) return true;
  const code =
    (exception as { code?: unknown }).code ??
    (exception as { driverError?: { code?: unknown } }).driverError?.code;
  return typeof code === 'string' && SATURATED_SQLSTATES.has(code);
}

/** Seconds a client should wait before retrying a request refused while the database is saturated. */
const SATURATED_RETRY_AFTER_SECONDS = 2;

/**
 * Answers every error as RFC 9457 problem+json. Client errors say what was wrong; anything
 * unexpected is logged with an id and answered 500 without detail, the id quoted to the client.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception, request);
    problem.instance = request.path;
    // Errors raised before the logging middleware (body parsing) still get a request id.
    problem.requestId =
      request.id !== undefined ? String(request.id) : requestId(request, response);
    if (response.headersSent) return;
    if (problem.code === 'database_busy') {
      response.setHeader('Retry-After', String(SATURATED_RETRY_AFTER_SECONDS));
    }
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, request: Request): ProblemDetails {
    if (exception instanceof RequestValidationException) {
      return this.problem(
        400,
        'validation_failed',
        exception.message,
        exception.fields,
        'Your request is invalid',
      );
    }
    if (exception instanceof DomainException) {
      return {
        // Extensions first: the standard members always win a name clash.
        ...exception.extensions,
        ...this.problem(
          STATUS_OF_KIND[exception.kind],
          exception.code,
          exception.message,
          exception.fields,
        ),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // Nest turns the JSON body parser's SyntaxError into a plain 400 with the parser's message.
      if (
        status === 400 &&
        exception.constructor.name === 'BadRequestException' &&
        /\bJSON\b/.test(exception.message)
      ) {
        return this.malformedJson(exception.message);
      }
      if (status >= 500) return this.unexpected(exception, request);
      return this.problem(status, CODES[status] ?? 'http_error', this.detailOf(exception, request));
    }
    if (isBodyParserError(exception)) {
      if (exception.type === 'entity.parse.failed') return this.malformedJson(exception.message);
      return this.problem(
        exception.status,
        CODES[exception.status] ?? 'bad_request',
        exception.message,
      );
    }
    if (isDatabaseSaturated(exception)) {
      this.logger.warn(
        { err: exception, method: request.method, url: request.originalUrl },
        'database saturated: answered 503',
      );
      return this.problem(503, 'database_busy', 'the service is busy; retry in a moment');
    }
    return this.unexpected(exception, request);
  }

  private malformedJson(parserMessage: string): ProblemDetails {
    return this.problem(400, 'malformed_json', `request body is not valid JSON: ${parserMessage}`, [
      { field: 'body', message: 'is not valid JSON' },
    ]);
  }

  private detailOf(exception: HttpException, request: Request): string {
    if (exception.getStatus() === 404 && /^Cannot \w+ /.test(exception.message)) {
      return `no route answers ${request.method} ${request.path}`;
    }
    const body = exception.getResponse();
    if (typeof body === 'string') return body;
    const message = (body as { message?: unknown }).message;
    if (Array.isArray(message)) return message.join('; ');
    return typeof message === 'string' ? message : exception.message;
  }

  private unexpected(exception: unknown, request: Request): ProblemDetails {
    const errorId = randomUUID();
    this.logger.error(
      { err: exception, errorId, method: request.method, url: request.originalUrl },
      'unexpected error while handling a request',
    );
    return this.problem(
      500,
      'internal_error',
      `an unexpected error occurred; quote reference ${errorId} to support`,
    );
  }

  private problem(
    status: number,
    code: string,
    detail: string,
    errors?: FieldProblem[],
    title?: string,
  ): ProblemDetails {
    return {
      type: problemType(code),
      title: title ?? TITLES[status] ?? 'Error',
      status,
      detail,
      code,
      ...(errors && errors.length > 0 ? { errors } : {}),
    };
  }
}
