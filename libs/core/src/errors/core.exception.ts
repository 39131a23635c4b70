import { DomainException, ErrorKind } from './domain.exception';

export enum CoreErrorCode {
  InvalidCursor = 'invalid_cursor',
}

const KINDS: Record<CoreErrorCode, ErrorKind> = {
  [CoreErrorCode.InvalidCursor]: ErrorKind.Invalid,
};

export class CoreException extends DomainException {
  declare readonly code: CoreErrorCode;

  constructor(code: CoreErrorCode, message: string) {
    super(
      code,
      KINDS[code],
      message,
      code === CoreErrorCode.InvalidCursor ? [{ field: 'cursor', message }] : [],
    );
  }
}
