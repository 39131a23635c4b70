import { DomainException, ErrorKind, FieldProblem } from '@mutualis/core';
import type { OverseasTerritory } from './validation/overseas';

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
  RnaTaken = 'rna_taken',
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
  MfaEnrolmentRequired = 'mfa_enrolment_required',
  MfaAlreadyEnabled = 'mfa_already_enabled',
  MfaNotEnabled = 'mfa_not_enabled',
  MfaEnrolmentNotStarted = 'mfa_enrolment_not_started',
  MfaRequiredForRole = 'mfa_required_for_role',
  MfaCodeRejected = 'mfa_code_rejected',
  InvalidMfaToken = 'invalid_mfa_token',
  InvalidMfaCode = 'invalid_mfa_code',
  TooManyMfaAttempts = 'too_many_mfa_attempts',
  OverseasBuyer = 'overseas_buyer_not_invoiceable',
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
  [IdentityErrorCode.RnaTaken]: ErrorKind.Conflict,
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
  [IdentityErrorCode.OverseasBuyer]: ErrorKind.Unprocessable,
};

export class IdentityException extends DomainException {
  declare readonly code: IdentityErrorCode;

  constructor(code: IdentityErrorCode, message: string, fields: FieldProblem[] = []) {
    super(code, KINDS[code], message, fields);
  }
}

/** An organisation established overseas, which the Chambre cannot invoice yet (422). */
export function overseasBuyerRefused(territory: OverseasTerritory): IdentityException {
  const regime =
    territory.kind === 'department'
      ? 'an overseas département, whose VAT differs from metropolitan VAT (CGI art. 294 and 296)'
      : 'an overseas collectivity, outside the French VAT territory';
  return new IdentityException(
    IdentityErrorCode.OverseasBuyer,
    `this organisation is established in ${territory.name} (${territory.code}), ${regime}: ` +
      'the Chambre cannot invoice it yet, so nothing is booked or paid. Contact the Chambre.',
  ).with({ territory: territory.code, territoryName: territory.name });
}
