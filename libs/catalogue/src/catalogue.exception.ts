import { DomainException, ErrorKind, FieldProblem } from '@mutualis/core';

export enum CatalogueErrorCode {
  OfferingNotFound = 'offering_not_found',
  NotOfferingOwner = 'not_offering_owner',
  NotAConsultant = 'not_a_consultant',
  ConsultantNotFound = 'consultant_not_found',
  UnknownCategory = 'unknown_category',
  InvalidOffering = 'invalid_offering',
  InvalidTransition = 'invalid_offering_transition',
  OfferingNotEditable = 'offering_not_editable',
  WrongOfferingKind = 'wrong_offering_kind',
  SessionNotFound = 'session_not_found',
  InvalidSession = 'invalid_session',
  SessionNotCancellable = 'session_not_cancellable',
  SlotNotFound = 'slot_not_found',
  InvalidSlot = 'invalid_slot',
  SlotsOverlap = 'slots_overlap',
  SlotNotCancellable = 'slot_not_cancellable',
  VatTreatmentByChambre = 'vat_treatment_by_chambre',
  VatTreatmentNotAllowed = 'vat_treatment_not_allowed',
  TrainingExemptionNotAttested = 'training_exemption_not_attested',
  TrainingExemptionInUse = 'training_exemption_in_use',
  IncompleteTraining = 'incomplete_training',
  SessionNotReschedulable = 'session_not_reschedulable',
}

const KINDS: Record<CatalogueErrorCode, ErrorKind> = {
  [CatalogueErrorCode.OfferingNotFound]: ErrorKind.NotFound,
  [CatalogueErrorCode.NotOfferingOwner]: ErrorKind.Forbidden,
  [CatalogueErrorCode.NotAConsultant]: ErrorKind.Forbidden,
  [CatalogueErrorCode.ConsultantNotFound]: ErrorKind.NotFound,
  [CatalogueErrorCode.UnknownCategory]: ErrorKind.Invalid,
  [CatalogueErrorCode.InvalidOffering]: ErrorKind.Invalid,
  [CatalogueErrorCode.InvalidTransition]: ErrorKind.Conflict,
  [CatalogueErrorCode.OfferingNotEditable]: ErrorKind.Conflict,
  [CatalogueErrorCode.WrongOfferingKind]: ErrorKind.Unprocessable,
  [CatalogueErrorCode.SessionNotFound]: ErrorKind.NotFound,
  [CatalogueErrorCode.InvalidSession]: ErrorKind.Invalid,
  [CatalogueErrorCode.SessionNotCancellable]: ErrorKind.Conflict,
  [CatalogueErrorCode.SlotNotFound]: ErrorKind.NotFound,
  [CatalogueErrorCode.InvalidSlot]: ErrorKind.Invalid,
  [CatalogueErrorCode.SlotsOverlap]: ErrorKind.Conflict,
  [CatalogueErrorCode.SlotNotCancellable]: ErrorKind.Conflict,
  [CatalogueErrorCode.VatTreatmentByChambre]: ErrorKind.Forbidden,
  [CatalogueErrorCode.VatTreatmentNotAllowed]: ErrorKind.Unprocessable,
  [CatalogueErrorCode.TrainingExemptionNotAttested]: ErrorKind.Unprocessable,
  [CatalogueErrorCode.TrainingExemptionInUse]: ErrorKind.Conflict,
  [CatalogueErrorCode.IncompleteTraining]: ErrorKind.Unprocessable,
  [CatalogueErrorCode.SessionNotReschedulable]: ErrorKind.Conflict,
};

export class CatalogueException extends DomainException {
  declare readonly code: CatalogueErrorCode;

  constructor(code: CatalogueErrorCode, message: string, fields: FieldProblem[] = []) {
    super(code, KINDS[code], message, fields);
  }
}

export function offeringNotFound(): CatalogueException {
  return new CatalogueException(CatalogueErrorCode.OfferingNotFound, 'offering not found');
}
