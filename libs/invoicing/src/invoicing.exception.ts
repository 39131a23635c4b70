import { DomainException, ErrorKind, FieldProblem } from '@mutualis/core';

export enum InvoicingErrorCode {
  InvoiceNotFound = 'invoice_not_found',
  PdfNotReady = 'invoice_pdf_not_ready',
  PdfIntegrityFailed = 'invoice_pdf_integrity_failed',
  NotCreditable = 'invoice_not_creditable',
  CreditExceedsInvoice = 'credit_exceeds_invoice',
  InvalidSettings = 'invalid_chambre_settings',
  InvalidLogo = 'invalid_chambre_logo',
  LogoTooLarge = 'chambre_logo_too_large',
  LogoNotFound = 'chambre_logo_not_found',
  InvoiceNotPayable = 'invoice_not_payable',
}

const KINDS: Record<InvoicingErrorCode, ErrorKind> = {
  [InvoicingErrorCode.InvoiceNotFound]: ErrorKind.NotFound,
  [InvoicingErrorCode.PdfNotReady]: ErrorKind.Conflict,
  // Not the caller's doing, yet no crash either: the stored file disagrees with the record.
  [InvoicingErrorCode.PdfIntegrityFailed]: ErrorKind.Conflict,
  [InvoicingErrorCode.NotCreditable]: ErrorKind.Conflict,
  [InvoicingErrorCode.CreditExceedsInvoice]: ErrorKind.Unprocessable,
  [InvoicingErrorCode.InvalidSettings]: ErrorKind.Invalid,
  [InvoicingErrorCode.InvalidLogo]: ErrorKind.Invalid,
  [InvoicingErrorCode.LogoTooLarge]: ErrorKind.Unprocessable,
  [InvoicingErrorCode.LogoNotFound]: ErrorKind.NotFound,
  [InvoicingErrorCode.InvoiceNotPayable]: ErrorKind.Conflict,
};

export class InvoicingException extends DomainException {
  declare readonly code: InvoicingErrorCode;

  constructor(code: InvoicingErrorCode, message: string, fields: FieldProblem[] = []) {
    super(code, KINDS[code], message, fields);
  }
}

export function invoiceNotFound(): InvoicingException {
  return new InvoicingException(InvoicingErrorCode.InvoiceNotFound, 'invoice not found');
}
