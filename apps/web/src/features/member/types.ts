import type { components } from '../../api/schema';

/** The member pages' view of the api's answers (generated from its OpenAPI document). */
export type Offering = components['schemas']['OfferingDetailDto'];
export type Session = components['schemas']['SessionDto'];
export type Slot = components['schemas']['SlotDto'];
export type Booking = components['schemas']['BookingDto'];
export type BookingStatus = Booking['status'];
/** What creating a booking answers: the booking and the unpaid places its caller may still hold. */
export type Booked = components['schemas']['BookedDto'];
export type Invoice = components['schemas']['InvoiceDto'];
export type InvoiceStatus = Invoice['status'];
export type Cancellation = components['schemas']['CancellationDto'];

export const BOOKING_STATUSES: BookingStatus[] = [
  'pending_payment',
  'confirmed',
  'waitlisted',
  'offered',
  'cancelled',
  'expired',
  'attended',
  'no_show',
];
