import { DomainException, ErrorKind, FieldProblem } from '@mutualis/core';

export enum PrivacyErrorCode {
  UserNotFound = 'user_not_found',
  AlreadyErased = 'already_erased',
  PasswordMismatch = 'erasure_password_mismatch',
  OrphanedOrganisations = 'organisations_would_lose_their_admin',
  LastPlatformAdmin = 'last_platform_admin',
}

const KINDS: Record<PrivacyErrorCode, ErrorKind> = {
  [PrivacyErrorCode.UserNotFound]: ErrorKind.NotFound,
  [PrivacyErrorCode.AlreadyErased]: ErrorKind.Conflict,
  [PrivacyErrorCode.PasswordMismatch]: ErrorKind.Forbidden,
  [PrivacyErrorCode.OrphanedOrganisations]: ErrorKind.Conflict,
  [PrivacyErrorCode.LastPlatformAdmin]: ErrorKind.Conflict,
};

export class PrivacyException extends DomainException {
  declare readonly code: PrivacyErrorCode;

  constructor(
    code: PrivacyErrorCode,
    message: string,
    fields: FieldProblem[] = [],
    extensions?: Record<string, unknown>,
  ) {
    super(code, KINDS[code], message, fields);
    this.extensions = extensions;
  }
}
