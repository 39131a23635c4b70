import { DomainException, ErrorKind, FieldProblem } from '@mutualis/core';

export enum ReconciliationErrorCode {
  ImportNotFound = 'statement_import_not_found',
  UnreadableStatement = 'unreadable_statement',
  UnknownCsvProfile = 'unknown_csv_profile',
  TransactionNotFound = 'bank_transaction_not_found',
  NotAllocatable = 'bank_transaction_not_allocatable',
  InvoiceNotOpen = 'invoice_not_open',
  AllocationNotFound = 'allocation_not_found',
  AllocationUndone = 'allocation_already_undone',
  OrganisationNotFound = 'organisation_not_found',
  InvalidProfile = 'invalid_csv_profile',
}

const KINDS: Record<ReconciliationErrorCode, ErrorKind> = {
  [ReconciliationErrorCode.ImportNotFound]: ErrorKind.NotFound,
  [ReconciliationErrorCode.UnreadableStatement]: ErrorKind.Invalid,
  [ReconciliationErrorCode.UnknownCsvProfile]: ErrorKind.Invalid,
  [ReconciliationErrorCode.TransactionNotFound]: ErrorKind.NotFound,
  [ReconciliationErrorCode.NotAllocatable]: ErrorKind.Unprocessable,
  [ReconciliationErrorCode.InvoiceNotOpen]: ErrorKind.Unprocessable,
  [ReconciliationErrorCode.AllocationNotFound]: ErrorKind.NotFound,
  [ReconciliationErrorCode.AllocationUndone]: ErrorKind.Conflict,
  [ReconciliationErrorCode.OrganisationNotFound]: ErrorKind.NotFound,
  [ReconciliationErrorCode.InvalidProfile]: ErrorKind.Invalid,
};

export class ReconciliationException extends DomainException {
  declare readonly code: ReconciliationErrorCode;

  constructor(code: ReconciliationErrorCode, message: string, fields: FieldProblem[] = []) {
    super(code, KINDS[code], message, fields);
  }
}
