/**
 * What kind of failure a domain error is. Contexts say what went wrong; the HTTP layer
 * alone decides which status each kind answers, so libs never speak HTTP.
 */
export enum ErrorKind {
  Invalid = 'invalid',
  Unauthenticated = 'unauthenticated',
  Forbidden = 'forbidden',
  NotFound = 'not_found',
  Conflict = 'conflict',
  Unprocessable = 'unprocessable',
  TooManyRequests = 'too_many_requests',
  /** A service we depend on is not configured or not answering. */
  Unavailable = 'unavailable',
  /** A provider (Stripe) answered with an error. */
  BadGateway = 'bad_gateway',
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** Base of every context's exception: a stable machine code, its kind and a message for people. */
export abstract class DomainException extends Error {
  /** When the refusal is about load or a quota: seconds before trying again (Retry-After). */
  retryAfterSeconds?: number;
  /** Extra members of the problem document (RFC 9457 extensions), e.g. what a conflict is about. */
  extensions?: Record<string, unknown>;

  protected constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** Adds extension members to the problem this exception is answered with. */
  with(extensions: Record<string, string | number | boolean>): this {
    this.extensions = { ...this.extensions, ...extensions };
    return this;
  }
}
