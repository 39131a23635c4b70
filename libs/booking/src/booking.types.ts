export const BOOKING_STATUSES = [
  'pending_payment',
  'confirmed',
  'waitlisted',
  'offered',
  'cancelled',
  'expired',
  'attended',
  'no_show',
] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** What an expiry did: ended the booking, or found it paid, accepted or already ended. */
export type ExpiryOutcome = 'expired' | 'skipped';

/**
 * Statuses whose seats count against the session's capacity (a slot: whose slot is taken).
 * Every list in code is built from this constant; the database lists them once more, in the
 * partial unique index of live slot bookings (migration CreateBooking, without 'offered':
 * a slot has no waitlist).
 */
export const SEAT_HOLDING_STATUSES: BookingStatus[] = [
  'pending_payment',
  'offered',
  'confirmed',
  'attended',
  'no_show',
];

/** Seat-holding or waiting for a seat: what an organisation's per-session limit counts. */
export const SEAT_HOLDING_OR_WAITLISTED_STATUSES: BookingStatus[] = [
  ...SEAT_HOLDING_STATUSES,
  'waitlisted',
];

/** Statuses a member may still cancel: the live bookings a session's cancellation ends. */
export const CANCELLABLE_STATUSES: BookingStatus[] = [
  'pending_payment',
  'offered',
  'waitlisted',
  'confirmed',
];

export const CONFIRMATION_METHODS = [
  'card',
  'sepa_debit',
  'bank_transfer',
  'cheque',
  'administrative_mandate',
  'free',
] as const;
export type ConfirmationMethod = (typeof CONFIRMATION_METHODS)[number];

export const ATTENDANCE = ['present', 'absent'] as const;
export type Attendance = (typeof ATTENDANCE)[number];
