import { ArgumentsHost } from '@nestjs/common';
import { DomainException, ErrorKind } from '@mutualis/core';
import { ProblemDetailsFilter } from './problem-details.filter';

/** Runs the filter on an exception as Nest would, and returns what the client receives. */
function answer(exception: unknown) {
  const headers: Record<string, string> = {};
  let status = 0;
  let body = '';
  const response = {
    headersSent: false,
    setHeader: (name: string, value: string) => (headers[name] = value),
    getHeader: () => undefined,
    status(code: number) {
      status = code;
      return this;
    },
    type() {
      return this;
    },
    send(text: string) {
      body = text;
      return this;
    },
  };
  const request = {
    id: 'req-1',
    path: '/api/bookings',
    method: 'POST',
    originalUrl: '/api/bookings',
    headers: {},
  };
  const host = {
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
  } as unknown as ArgumentsHost;
  new ProblemDetailsFilter().catch(exception, host);
  return { status, headers, problem: JSON.parse(body) as { code: string; status: number } };
}

describe('ProblemDetailsFilter under database saturation', () => {
  it('answers 503 with Retry-After when the connection pool gives up waiting', () => {
    const { status, headers, problem } = answer(
      new Error('timeout exceeded when trying to connect'),
    );
    expect({ status, retryAfter: headers['Retry-After'], code: problem.code }).toEqual({
      status: 503,
      retryAfter: '2',
      code: 'database_busy',
    });
  });

  it('answers 503 when PostgreSQL refuses more clients (53300)', () => {
    const refused = Object.assign(new Error('sorry, too many clients already'), { code: '53300' });
    expect(answer(refused).status).toBe(503);
  });

  it('still answers 500 for an error nobody foresaw', () => {
    const { status, headers } = answer(new Error('boom'));
    expect({ status, retryAfter: headers['Retry-After'] }).toEqual({
      status: 500,
      retryAfter: undefined,
    });
  });
});

describe('ProblemDetailsFilter and extension members', () => {
  class LimitException extends DomainException {
    constructor() {
      super('some_limit', ErrorKind.Conflict, 'you hold 10 of 10');
    }
  }

  it('answers a domain problem’s extension members beside the standard ones, which always win', () => {
    const { status, problem } = answer(
      new LimitException().with({ limit: 10, held: 10, status: 200, code: 'forged' }),
    );
    expect(status).toBe(409);
    expect(problem).toMatchObject({ limit: 10, held: 10, status: 409, code: 'some_limit' });
  });
});
