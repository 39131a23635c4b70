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
  MfaEnrolmentRequired = 'mfa_enrolment_required',
  MfaAlreadyEnabled = 'mfa_already_enabled',
  MfaNotEnabled = 'mfa_not_enabled',
  MfaEnrolmentNotStarted = 'mfa_enrolment_not_started',
  MfaRequiredForRole = 'mfa_required_for_role',
  MfaCodeRejected = 'mfa_code_rejected',
  InvalidMfaToken = 'invalid_mfa_token',
  InvalidMfaCode = 'invalid_mfa_code',
  TooManyMfaAttempts = 'too_many_mfa_attempts',
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
  [IdentityErrorCode.MfaEnrolmentRequired]: ErrorKind.Forbidden,
  [IdentityErrorCode.MfaAlreadyEnabled]: ErrorKind.Conflict,
  [IdentityErrorCode.MfaNotEnabled]: ErrorKind.Conflict,
  [IdentityErrorCode.MfaEnrolmentNotStarted]: ErrorKind.Conflict,
  [IdentityErrorCode.MfaRequiredForRole]: ErrorKind.Forbidden,
  // 422, not 401: on a signed-in route a 401 would make clients refresh their session.
  [IdentityErrorCode.MfaCodeRejected]: ErrorKind.Unprocessable,
  [IdentityErrorCode.InvalidMfaToken]: ErrorKind.Unauthenticated,
  [IdentityErrorCode.InvalidMfaCode]: ErrorKind.Unauthenticated,
  [IdentityErrorCode.TooManyMfaAttempts]: ErrorKind.TooManyRequests,
};

export class IdentityException extends DomainException {
  declare readonly code: IdentityErrorCode;

  constructor(code: IdentityErrorCode, message: string, fields: FieldProblem[] = []) {
    super(code, KINDS[code], message, fields);
  }
}
