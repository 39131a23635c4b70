import { DomainException, ErrorKind, FieldProblem } from '@mutualis/core';

export enum PaymentsErrorCode {
  NotPayable = 'booking_not_payable',
  InvoiceNotPayable = 'invoice_not_payable',
  BankTransferNotAllowed = 'bank_transfer_not_allowed',
  CardPaymentUnavailable = 'card_payment_unavailable',
  ProviderError = 'payment_provider_error',
  InvalidSignature = 'invalid_webhook_signature',
  MalformedEvent = 'malformed_webhook_event',
  RefundNotFound = 'refund_not_found',
  RefundNotPending = 'refund_not_pending',
}

// Unavailable maps to 503 and provider errors to 502 in the HTTP layer's table.
const KINDS: Record<PaymentsErrorCode, ErrorKind> = {
  [PaymentsErrorCode.NotPayable]: ErrorKind.Conflict,
  [PaymentsErrorCode.InvoiceNotPayable]: ErrorKind.Conflict,
  [PaymentsErrorCode.BankTransferNotAllowed]: ErrorKind.Unprocessable,
  [PaymentsErrorCode.CardPaymentUnavailable]: ErrorKind.Unavailable,
  [PaymentsErrorCode.ProviderError]: ErrorKind.BadGateway,
  [PaymentsErrorCode.InvalidSignature]: ErrorKind.Invalid,
  [PaymentsErrorCode.MalformedEvent]: ErrorKind.Invalid,
  [PaymentsErrorCode.RefundNotFound]: ErrorKind.NotFound,
  [PaymentsErrorCode.RefundNotPending]: ErrorKind.Conflict,
};

export class PaymentsException extends DomainException {
  declare readonly code: PaymentsErrorCode;

  constructor(code: PaymentsErrorCode, message: string, fields: FieldProblem[] = []) {
    super(code, KINDS[code], message, fields);
  }
}
