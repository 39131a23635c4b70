import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EntityManager } from 'typeorm';
import { Clock, Environment, OutboxService } from '@mutualis/core';
import { SeatInventoryService } from '@mutualis/catalogue';
import { Booking } from '../entities/booking.entity';
import { BookingRepository } from '../repositories/booking.repository';
import { bookingEvent, expiryDue } from './booking-events';
import { BookingEvents } from '../booking.events';

/**
 * Offers freed seats to the waitlist, first come first served: each waiting booking that fits
 * in what is free, in arrival order, gets its seats held and an offer to accept. Runs in the
 * transaction that freed the seats, with the session row locked.
 */
@Injectable()
export class WaitlistService {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly inventory: SeatInventoryService,
    private readonly outbox: OutboxService,
    private readonly config: ConfigService<Environment, true>,
    private readonly clock: Clock,
  ) {}

  async offerFreedSeats(sessionId: string, manager: EntityManager): Promise<Booking[]> {
    const locked = await this.inventory.lockSession(sessionId, manager);
    if (!locked) return [];
    const { session } = locked;
    const now = this.clock.now();
    if (
      session.status !== 'scheduled' ||
      session.registrationDeadline <= now ||
      session.startsAt <= now
    )
      return [];
    let free = session.capacity - session.seatsTaken;
    const offered: Booking[] = [];
    for (const waiting of await this.bookings.waitlist(sessionId, manager)) {
      if (free <= 0) break;
      if (waiting.seats > free) continue;
      if (!(await this.inventory.takeSeats(sessionId, waiting.seats, manager))) break;
      free -= waiting.seats;
      const ttl = this.config.get('WAITLIST_OFFER_SECONDS', { infer: true }) * 1000;
      // An offer never outlives registration.
      const expiresAt = new Date(
        Math.min(now.getTime() + ttl, session.registrationDeadline.getTime()),
      );
      const booking = await this.bookings.update(
        waiting.id,
        { status: 'offered', offerExpiresAt: expiresAt },
        manager,
      );
      await this.outbox.record(
        manager,
        bookingEvent(BookingEvents.WaitlistOffered, booking, {
          offerExpiresAt: expiresAt.toISOString(),
        }),
        expiryDue('offer', booking, expiresAt),
      );
      offered.push(booking);
    }
    return offered;
  }
}
