import { DomainException, ErrorKind, FieldProblem } from '@mutualis/core';

export enum MembershipErrorCode {
  /** No fee grid is configured for the year. */
  FeeScheduleMissing = 'fee_schedule_missing',
  /** Reading the grid of a year that has none. */
  FeeScheduleNotFound = 'fee_schedule_not_found',
  /** The grid has no bracket for the organisation's family and size (or it has no profile). */
  NoFeeBracket = 'no_fee_bracket',
  /** Two brackets of one family and basis overlap in a submitted grid. */
  OverlappingBrackets = 'overlapping_fee_brackets',
  InvalidFeeSchedule = 'invalid_fee_schedule',
  CharterMissing = 'membership_charter_missing',
  /** The charter version accepted is not the current one (or it was not accepted). */
  CharterNotCurrent = 'membership_charter_not_current',
  ApplicationNotFound = 'membership_application_not_found',
  /** One pending application per organisation and year. */
  ApplicationPending = 'membership_application_pending',
  /** Approving or refusing an application already decided. */
  ApplicationDecided = 'membership_application_decided',
  /** Applying for a year the organisation is already a member of. */
  AlreadyMember = 'membership_already_member',
  InvalidApplication = 'invalid_membership_application',
  OrganisationNotFound = 'membership_organisation_not_found',
  /** A certificate is only given for a year whose membership is active. */
  NotActive = 'membership_not_active',
  InvalidOverride = 'invalid_membership_fee_override',
  /** Approved, but its invoice could not be issued yet (approving again issues it). */
  InvoiceNotIssued = 'membership_invoice_not_issued',
  CampaignNotFound = 'membership_campaign_not_found',
  /** Cancelling a year the organisation has no membership of. */
  MembershipNotFound = 'membership_not_found',
  /** A member import's file cannot be read, or lacks a required column: nothing is imported. */
  InvalidImportFile = 'invalid_member_import_file',
  ImportNotFound = 'member_import_not_found',
}

const KINDS: Record<MembershipErrorCode, ErrorKind> = {
  [MembershipErrorCode.FeeScheduleMissing]: ErrorKind.Unprocessable,
  [MembershipErrorCode.FeeScheduleNotFound]: ErrorKind.NotFound,
  [MembershipErrorCode.NoFeeBracket]: ErrorKind.Unprocessable,
  [MembershipErrorCode.OverlappingBrackets]: ErrorKind.Unprocessable,
  [MembershipErrorCode.InvalidFeeSchedule]: ErrorKind.Invalid,
  [MembershipErrorCode.CharterMissing]: ErrorKind.Unprocessable,
  [MembershipErrorCode.CharterNotCurrent]: ErrorKind.Unprocessable,
  [MembershipErrorCode.ApplicationNotFound]: ErrorKind.NotFound,
  [MembershipErrorCode.ApplicationPending]: ErrorKind.Conflict,
  [MembershipErrorCode.ApplicationDecided]: ErrorKind.Conflict,
  [MembershipErrorCode.AlreadyMember]: ErrorKind.Conflict,
  [MembershipErrorCode.InvalidApplication]: ErrorKind.Invalid,
  [MembershipErrorCode.OrganisationNotFound]: ErrorKind.NotFound,
  [MembershipErrorCode.NotActive]: ErrorKind.Conflict,
  [MembershipErrorCode.InvalidOverride]: ErrorKind.Invalid,
  [MembershipErrorCode.InvoiceNotIssued]: ErrorKind.Unavailable,
  [MembershipErrorCode.CampaignNotFound]: ErrorKind.NotFound,
  [MembershipErrorCode.MembershipNotFound]: ErrorKind.NotFound,
  [MembershipErrorCode.InvalidImportFile]: ErrorKind.Unprocessable,
  [MembershipErrorCode.ImportNotFound]: ErrorKind.NotFound,
};

export class MembershipException extends DomainException {
  declare readonly code: MembershipErrorCode;

  constructor(code: MembershipErrorCode, message: string, fields: FieldProblem[] = []) {
    super(code, KINDS[code], message, fields);
  }
}

export function applicationNotFound(): MembershipException {
  return new MembershipException(
    MembershipErrorCode.ApplicationNotFound,
    'membership application not found',
  );
}

/** Another organisation's data answers as if it did not exist (never its data). */
export function organisationNotFound(): MembershipException {
  return new MembershipException(
    MembershipErrorCode.OrganisationNotFound,
    'organisation not found',
  );
}
