import { Injectable } from '@nestjs/common';
import { Actor } from '@mutualis/identity';
import { bookingNotFound } from '../../booking.exception';
import { BookingRepository } from '../../repositories/booking.repository';
import { BookingAccessService } from '../../services/booking-access.service';
import { BookingView, presentBooking } from '../../views/booking.view';

/** One booking with its attendees, for whoever may see it (anyone else: not found). */
@Injectable()
export class GetBookingUseCase {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly access: BookingAccessService,
  ) {}

  async execute(actor: Actor, bookingId: string): Promise<BookingView> {
    const booking = await this.bookings.findById(bookingId);
    if (!booking) throw bookingNotFound();
    await this.access.assertCanRead(actor, booking);
    return presentBooking(booking, await this.bookings.attendeesOf([booking.id]));
  }
}
