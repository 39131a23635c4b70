import { DomainException, ErrorKind } from './domain.exception';

export enum CoreErrorCode {
  InvalidCursor = 'invalid_cursor',
  IdempotencyKeyReused = 'idempotency_key_reused',
}

const KINDS: Record<CoreErrorCode, ErrorKind> = {
  [CoreErrorCode.InvalidCursor]: ErrorKind.Invalid,
  [CoreErrorCode.IdempotencyKeyReused]: ErrorKind.Unprocessable,
};

const FIELDS: Partial<Record<CoreErrorCode, string>> = {
  [CoreErrorCode.InvalidCursor]: 'cursor',
  [CoreErrorCode.IdempotencyKeyReused]: 'Idempotency-Key',
};

export class CoreException extends DomainException {
  declare readonly code: CoreErrorCode;

  constructor(code: CoreErrorCode, message: string) {
    const field = FIELDS[code];
    super(code, KINDS[code], message, field ? [{ field, message }] : []);
  }
}
