import { CreateBooking1795680300000 } from './1795680300000-create-booking';
import { IndexConfirmedBookingsByStart1795680780000 } from './1795680780000-index-confirmed-bookings-by-start';
import { IndexUnpaidHolds1796102000000 } from './1796102000000-index-unpaid-holds';
import { AttendeeRetention1796106100000 } from './1796106100000-attendee-retention';
import { BookingVatRegimes1796202050000 } from './1796202050000-booking-vat-regimes';
import { PaidAtConfirmation1796203100000 } from './1796203100000-paid-at-confirmation';
import { ProcurementReferences1796205500000 } from './1796205500000-procurement-references';

export const bookingMigrations = [
  CreateBooking1795680300000,
  IndexConfirmedBookingsByStart1795680780000,
  IndexUnpaidHolds1796102000000,
  AttendeeRetention1796106100000,
  BookingVatRegimes1796202050000,
  PaidAtConfirmation1796203100000,
  ProcurementReferences1796205500000,
];
