import { DomainException, ErrorKind, FieldProblem } from '@mutualis/core';

export enum TrainingErrorCode {
  /** No such document, or not one the caller may read (the same answer: no enumeration). */
  DocumentNotFound = 'training_document_not_found',
  SessionNotFound = 'training_session_not_found',
  BookingNotFound = 'training_booking_not_found',
  /** The booking is not of a training session (a consultation has no convention). */
  NotATraining = 'not_a_training',
  InvalidSettings = 'invalid_training_settings',

  // Conventions
  ConventionNotFound = 'convention_not_found',
  /** This side already signed this convention. */
  ConventionAlreadySigned = 'convention_already_signed',
  /** The version or hash signed is not the current convention's. */
  ConventionOutdated = 'convention_outdated',
  /** The caller is not the one who signs for this side. */
  NotTheSignatory = 'not_the_signatory',
  /** The session needs the organisation's signed convention first. */
  ConventionUnsigned = 'convention_unsigned',
  InvalidSignatureRequest = 'invalid_signature_request',

  // Attendance (émargement)
  /** The signing link is unknown or was forged. */
  SigningLinkInvalid = 'signing_link_invalid',
  /** The link is used outside its half-day (and its margin). */
  SigningClosed = 'signing_closed',
  /** This trainee already signed (or was recorded absent for) this half-day. */
  AlreadySigned = 'attendance_already_signed',
  /** The link is another trainee's. */
  WrongTrainee = 'signing_link_of_another_trainee',
  /** The consultant countersigned the half-day: its sheet is closed. */
  HalfDayClosed = 'half_day_closed',
  HalfDayNotFound = 'half_day_not_found',
  InvalidSignature = 'invalid_signature',
  InvalidAttendance = 'invalid_attendance',

  // After the session
  SessionNotEnded = 'session_not_ended',

  // Surveys
  SurveyLinkInvalid = 'survey_link_invalid',
  SurveyAlreadyAnswered = 'survey_already_answered',
  SurveyClosed = 'survey_closed',
  InvalidSurveyAnswer = 'invalid_survey_answer',
  /** No such session, offering or consultant, or not one whose results the caller may read. */
  SurveyResultsNotFound = 'survey_results_not_found',
}

const KINDS: Record<TrainingErrorCode, ErrorKind> = {
  [TrainingErrorCode.DocumentNotFound]: ErrorKind.NotFound,
  [TrainingErrorCode.SessionNotFound]: ErrorKind.NotFound,
  [TrainingErrorCode.BookingNotFound]: ErrorKind.NotFound,
  [TrainingErrorCode.NotATraining]: ErrorKind.Unprocessable,
  [TrainingErrorCode.InvalidSettings]: ErrorKind.Invalid,
  [TrainingErrorCode.ConventionNotFound]: ErrorKind.NotFound,
  [TrainingErrorCode.ConventionAlreadySigned]: ErrorKind.Conflict,
  [TrainingErrorCode.ConventionOutdated]: ErrorKind.Conflict,
  [TrainingErrorCode.NotTheSignatory]: ErrorKind.Forbidden,
  [TrainingErrorCode.ConventionUnsigned]: ErrorKind.Conflict,
  [TrainingErrorCode.InvalidSignatureRequest]: ErrorKind.Invalid,
  [TrainingErrorCode.SigningLinkInvalid]: ErrorKind.NotFound,
  [TrainingErrorCode.SigningClosed]: ErrorKind.Conflict,
  [TrainingErrorCode.AlreadySigned]: ErrorKind.Conflict,
  [TrainingErrorCode.WrongTrainee]: ErrorKind.Forbidden,
  [TrainingErrorCode.HalfDayClosed]: ErrorKind.Conflict,
  [TrainingErrorCode.HalfDayNotFound]: ErrorKind.NotFound,
  [TrainingErrorCode.InvalidSignature]: ErrorKind.Invalid,
  [TrainingErrorCode.InvalidAttendance]: ErrorKind.Invalid,
  [TrainingErrorCode.SessionNotEnded]: ErrorKind.Conflict,
  [TrainingErrorCode.SurveyLinkInvalid]: ErrorKind.NotFound,
  [TrainingErrorCode.SurveyAlreadyAnswered]: ErrorKind.Conflict,
  [TrainingErrorCode.SurveyClosed]: ErrorKind.Conflict,
  [TrainingErrorCode.InvalidSurveyAnswer]: ErrorKind.Invalid,
  [TrainingErrorCode.SurveyResultsNotFound]: ErrorKind.NotFound,
};

/** A training rule refused the request; the kind decides the HTTP status (problem+json). */
export class TrainingException extends DomainException {
  declare readonly code: TrainingErrorCode;

  constructor(code: TrainingErrorCode, message: string, fields: FieldProblem[] = []) {
    super(code, KINDS[code], message, fields);
  }
}

export function documentNotFound(): TrainingException {
  return new TrainingException(TrainingErrorCode.DocumentNotFound, 'document not found');
}
