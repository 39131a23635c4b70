import { DomainException, ErrorKind, FieldProblem } from '@mutualis/core';

export enum AccountingErrorCode {
  /** A posting rule handed the journal an entry it cannot write (a bug of the rule). */
  InvalidDraft = 'invalid_entry_draft',
  /** The chart has no account for a role (or a VAT role at that rate). */
  UnknownAccount = 'unknown_account',
  UnknownOrganisation = 'organisation_not_found',
  InvalidPeriod = 'invalid_period',
  PeriodInFuture = 'period_in_future',
  PeriodNotOver = 'period_not_over',
  PeriodClosed = 'period_already_closed',
  PeriodOutOfOrder = 'period_closed_out_of_order',
  InvalidChart = 'invalid_chart',
}

const KINDS: Record<AccountingErrorCode, ErrorKind> = {
  [AccountingErrorCode.InvalidDraft]: ErrorKind.Unprocessable,
  [AccountingErrorCode.UnknownAccount]: ErrorKind.Unprocessable,
  [AccountingErrorCode.UnknownOrganisation]: ErrorKind.NotFound,
  [AccountingErrorCode.InvalidPeriod]: ErrorKind.Invalid,
  [AccountingErrorCode.PeriodInFuture]: ErrorKind.Unprocessable,
  [AccountingErrorCode.PeriodNotOver]: ErrorKind.Conflict,
  [AccountingErrorCode.PeriodClosed]: ErrorKind.Conflict,
  [AccountingErrorCode.PeriodOutOfOrder]: ErrorKind.Conflict,
  [AccountingErrorCode.InvalidChart]: ErrorKind.Invalid,
};

export class AccountingException extends DomainException {
  declare readonly code: AccountingErrorCode;

  constructor(
    code: AccountingErrorCode,
    message: string,
    fields: FieldProblem[] = [],
    extensions?: Record<string, unknown>,
  ) {
    super(code, KINDS[code], message, fields);
    if (extensions) this.extensions = extensions;
  }
}
