import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BookingStatus } from '../booking.types';
import { Booking } from '../entities/booking.entity';

/** What the payments context needs of a booking when its money arrives. */
export interface BookingPaymentFacts {
  bookingId: string;
  organisationId: string;
  status: BookingStatus;
}

/** The read service payments uses instead of booking's tables. */
@Injectable()
export class BookingPaymentFactsService {
  /** Read in the caller's transaction (a Stripe event being applied); throws when there is no such booking. */
  async forPayment(bookingId: string, manager: EntityManager): Promise<BookingPaymentFacts> {
    const booking = await manager.findOneOrFail(Booking, { where: { id: bookingId } });
    return {
      bookingId: booking.id,
      organisationId: booking.organisationId,
      status: booking.status,
    };
  }
}
