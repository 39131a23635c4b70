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

/** Statuses whose seats count against the session's capacity. */
export const SEAT_HOLDING_STATUSES: BookingStatus[] = [
  'pending_payment',
  'offered',
  'confirmed',
  'attended',
  'no_show',
];

/** Statuses a member may still cancel. */
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

/** 20 % in basis points; exempt training and operations outside VAT have no VAT. */
export const STANDARD_VAT_BASIS_POINTS = 2000;
