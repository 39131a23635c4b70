import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, Environment, OutboxService } from '@mutualis/core';
import { Actor } from '@mutualis/identity';
import { BookingErrorCode, BookingException, bookingNotFound } from '../../booking.exception';
import { BookingRepository } from '../../repositories/booking.repository';
import { BookingAccessService } from '../../services/booking-access.service';
import { bookingEvent, expiryDue } from '../../services/booking-events';
import { BookingEvents } from '../../booking.events';
import { BookingView, presentBooking } from '../../views/booking.view';

/** The member takes the seats offered from the waitlist: the booking now awaits payment under a new hold. */
@Injectable()
export class AcceptOfferUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bookings: BookingRepository,
    private readonly access: BookingAccessService,
    private readonly outbox: OutboxService,
    private readonly config: ConfigService<Environment, true>,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, bookingId: string): Promise<BookingView> {
    const found = await this.bookings.findById(bookingId);
    if (!found) throw bookingNotFound();
    await this.access.assertCanAct(actor, found);
    const booking = await this.dataSource.transaction(async (manager) => {
      const booking = await this.bookings.findByIdForUpdate(bookingId, manager);
      if (!booking) throw bookingNotFound();
      const now = this.clock.now();
      if (
        booking.status !== 'offered' ||
        !booking.offerExpiresAt ||
        booking.offerExpiresAt <= now
      ) {
        throw new BookingException(
          BookingErrorCode.NoActiveOffer,
          booking.status === 'offered'
            ? 'this offer has expired'
            : `this booking is ${booking.status}, not offered a seat`,
        );
      }
      const seconds = this.config.get('BOOKING_HOLD_SECONDS', { infer: true });
      const holdExpiresAt = new Date(
        Math.min(now.getTime() + seconds * 1000, booking.serviceStartsAt.getTime()),
      );
      const accepted = await this.bookings.update(
        booking.id,
        { status: 'pending_payment', holdExpiresAt, offerExpiresAt: null },
        manager,
      );
      await this.outbox.record(
        manager,
        bookingEvent(BookingEvents.OfferAccepted, accepted, {
          totalInclVatCents: accepted.totalInclVatCents,
        }),
        expiryDue('hold', accepted, holdExpiresAt),
      );
      return accepted;
    });
    return presentBooking(booking, await this.bookings.attendeesOf([booking.id]));
  }
}
