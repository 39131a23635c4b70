import { CreateBooking1795680300000 } from './1795680300000-create-booking';

export const bookingMigrations = [CreateBooking1795680300000];
