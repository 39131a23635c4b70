import { DomainException, ErrorKind, FieldProblem } from '@mutualis/core';

export enum IdentityErrorCode {
  EmailTaken = 'email_taken',
  InvalidCredentials = 'invalid_credentials',
  AccountDisabled = 'account_disabled',
  InvalidRefreshToken = 'invalid_refresh_token',
  RefreshTokenReused = 'refresh_token_reused',
  SessionRevoked = 'session_revoked',
  WeakPassword = 'weak_password',
  UserNotFound = 'user_not_found',
  OrganisationNotFound = 'organisation_not_found',
  SiretTaken = 'siret_taken',
  InvalidOrganisation = 'invalid_organisation',
  NotOrganisationAdmin = 'not_organisation_admin',
  InvitationNotFound = 'invitation_not_found',
  InvitationExpired = 'invitation_expired',
  InvitationForAnotherEmail = 'invitation_for_another_email',
  AlreadyMember = 'already_member',
  LastOrganisationAdmin = 'last_organisation_admin',
  MemberNotFound = 'member_not_found',
  OwnAdminRole = 'own_admin_role',
  PasswordHashingBusy = 'password_hashing_busy',
  InvitationQuotaExceeded = 'invitation_quota_exceeded',
  EmailNotVerified = 'email_not_verified',
  InvalidAccountLink = 'invalid_account_link',
  InvalidCurrentPassword = 'invalid_current_password',
  EmailAlreadyVerified = 'email_already_verified',
  VerificationEmailTooSoon = 'verification_email_too_soon',
  SessionNotFound = 'session_not_found',
  SameEmail = 'same_email',
}

const KINDS: Record<IdentityErrorCode, ErrorKind> = {
  [IdentityErrorCode.EmailTaken]: ErrorKind.Conflict,
  [IdentityErrorCode.InvalidCredentials]: ErrorKind.Unauthenticated,
  [IdentityErrorCode.AccountDisabled]: ErrorKind.Unauthenticated,
  [IdentityErrorCode.InvalidRefreshToken]: ErrorKind.Unauthenticated,
  [IdentityErrorCode.RefreshTokenReused]: ErrorKind.Unauthenticated,
  [IdentityErrorCode.SessionRevoked]: ErrorKind.Unauthenticated,
  [IdentityErrorCode.WeakPassword]: ErrorKind.Invalid,
  [IdentityErrorCode.UserNotFound]: ErrorKind.NotFound,
  [IdentityErrorCode.OrganisationNotFound]: ErrorKind.NotFound,
  [IdentityErrorCode.SiretTaken]: ErrorKind.Conflict,
  [IdentityErrorCode.InvalidOrganisation]: ErrorKind.Invalid,
  [IdentityErrorCode.NotOrganisationAdmin]: ErrorKind.Forbidden,
  [IdentityErrorCode.InvitationNotFound]: ErrorKind.NotFound,
  [IdentityErrorCode.InvitationExpired]: ErrorKind.Unprocessable,
  [IdentityErrorCode.InvitationForAnotherEmail]: ErrorKind.Forbidden,
  [IdentityErrorCode.AlreadyMember]: ErrorKind.Conflict,
  [IdentityErrorCode.LastOrganisationAdmin]: ErrorKind.Unprocessable,
  [IdentityErrorCode.MemberNotFound]: ErrorKind.NotFound,
  [IdentityErrorCode.OwnAdminRole]: ErrorKind.Unprocessable,
  [IdentityErrorCode.PasswordHashingBusy]: ErrorKind.Unavailable,
  [IdentityErrorCode.InvitationQuotaExceeded]: ErrorKind.TooManyRequests,
  [IdentityErrorCode.EmailNotVerified]: ErrorKind.Forbidden,
  [IdentityErrorCode.InvalidAccountLink]: ErrorKind.Invalid,
  [IdentityErrorCode.InvalidCurrentPassword]: ErrorKind.Invalid,
  [IdentityErrorCode.EmailAlreadyVerified]: ErrorKind.Conflict,
  [IdentityErrorCode.VerificationEmailTooSoon]: ErrorKind.TooManyRequests,
  [IdentityErrorCode.SessionNotFound]: ErrorKind.NotFound,
  [IdentityErrorCode.SameEmail]: ErrorKind.Invalid,
};

export class IdentityException extends DomainException {
  declare readonly code: IdentityErrorCode;

  constructor(code: IdentityErrorCode, message: string, fields: FieldProblem[] = []) {
    super(code, KINDS[code], message, fields);
  }
}
