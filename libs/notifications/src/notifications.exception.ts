import { DomainException, ErrorKind, FieldProblem } from '@mutualis/core';

export enum NotificationsErrorCode {
  DeliveryNotFound = 'delivery_not_found',
  DeliveryNotFailed = 'delivery_not_failed',
}

const KINDS: Record<NotificationsErrorCode, ErrorKind> = {
  [NotificationsErrorCode.DeliveryNotFound]: ErrorKind.NotFound,
  [NotificationsErrorCode.DeliveryNotFailed]: ErrorKind.Conflict,
};

export class NotificationsException extends DomainException {
  declare readonly code: NotificationsErrorCode;

  constructor(code: NotificationsErrorCode, message: string, fields: FieldProblem[] = []) {
    super(code, KINDS[code], message, fields);
  }
}
