import { DomainException, ErrorKind, FieldProblem } from '@mutualis/core';

export enum BookingErrorCode {
  BookingNotFound = 'booking_not_found',
  SessionNotFound = 'session_not_found',
  SlotNotFound = 'slot_not_found',
  InvalidBooking = 'invalid_booking',
  OfferingNotBookable = 'offering_not_bookable',
  SessionNotBookable = 'session_not_bookable',
  RegistrationClosed = 'registration_closed',
  MoreSeatsThanCapacity = 'more_seats_than_capacity',
  OrganisationSeatLimit = 'organisation_seat_limit',
  SlotUnavailable = 'slot_unavailable',
  NotCancellable = 'booking_not_cancellable',
  NotConfirmable = 'booking_not_confirmable',
  NoActiveOffer = 'no_active_offer',
  AttendanceTooEarly = 'attendance_too_early',
  UnknownAttendee = 'unknown_attendee',
  NotSessionManager = 'not_session_manager',
  UnpaidPlacesLimit = 'unpaid_places_limit',
  EngagementNumberRequired = 'engagement_number_required',
  ServiceCodeRequired = 'service_code_required',
  ProcurementReferencesNotApplicable = 'procurement_references_not_applicable',
}

const KINDS: Record<BookingErrorCode, ErrorKind> = {
  [BookingErrorCode.BookingNotFound]: ErrorKind.NotFound,
  [BookingErrorCode.SessionNotFound]: ErrorKind.NotFound,
  [BookingErrorCode.SlotNotFound]: ErrorKind.NotFound,
  [BookingErrorCode.InvalidBooking]: ErrorKind.Invalid,
  [BookingErrorCode.OfferingNotBookable]: ErrorKind.Unprocessable,
  [BookingErrorCode.SessionNotBookable]: ErrorKind.Unprocessable,
  [BookingErrorCode.RegistrationClosed]: ErrorKind.Unprocessable,
  [BookingErrorCode.MoreSeatsThanCapacity]: ErrorKind.Unprocessable,
  [BookingErrorCode.OrganisationSeatLimit]: ErrorKind.Unprocessable,
  [BookingErrorCode.SlotUnavailable]: ErrorKind.Conflict,
  [BookingErrorCode.NotCancellable]: ErrorKind.Conflict,
  [BookingErrorCode.NotConfirmable]: ErrorKind.Conflict,
  [BookingErrorCode.NoActiveOffer]: ErrorKind.Conflict,
  [BookingErrorCode.AttendanceTooEarly]: ErrorKind.Unprocessable,
  [BookingErrorCode.UnknownAttendee]: ErrorKind.Invalid,
  [BookingErrorCode.NotSessionManager]: ErrorKind.Forbidden,
  // A state the caller can change (pay or cancel a held booking), not a rate to wait out.
  [BookingErrorCode.UnpaidPlacesLimit]: ErrorKind.Conflict,
  // The public body's Chorus Pro structure rejects an invoice without them.
  [BookingErrorCode.EngagementNumberRequired]: ErrorKind.Unprocessable,
  [BookingErrorCode.ServiceCodeRequired]: ErrorKind.Unprocessable,
  [BookingErrorCode.ProcurementReferencesNotApplicable]: ErrorKind.Unprocessable,
};

export class BookingException extends DomainException {
  declare readonly code: BookingErrorCode;

  constructor(code: BookingErrorCode, message: string, fields: FieldProblem[] = []) {
    super(code, KINDS[code], message, fields);
  }
}

export function bookingNotFound(): BookingException {
  return new BookingException(BookingErrorCode.BookingNotFound, 'booking not found');
}
