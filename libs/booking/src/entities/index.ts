import { BookingAttendee } from './booking-attendee.entity';
import { Booking } from './booking.entity';

export { Booking, BookingAttendee };

export const bookingEntities = [Booking, BookingAttendee];
