import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, OutboxService } from '@mutualis/core';
import { SeatInventoryService } from '@mutualis/catalogue';
import { SEAT_HOLDING_STATUSES } from '../booking.types';
import { Booking } from '../entities/booking.entity';
import { BookingRepository } from '../repositories/booking.repository';
import { bookingEvent } from './booking-events';
import { BookingEvents } from '../booking.events';
import { Refund } from './refund-policy';
import { WaitlistService } from './waitlist.service';

/**
 * Ends a booking (cancelled or expired) and gives its seats or slot back, offering freed seats
 * to the waitlist. Shared by cancellation, hold and offer expiry, and session cancellation.
 */
@Injectable()
export class BookingReleaser {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly inventory: SeatInventoryService,
    private readonly waitlist: WaitlistService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /**
   * Locks a booking for a change that may give back seats. The session row is locked first,
   * as booking and session cancellation also do, so that locks are always taken in the same
   * order (session, then booking) and two changes never wait on each other.
   */
  async lock(bookingId: string, manager: EntityManager): Promise<Booking | null> {
    const found = await this.bookings.findById(bookingId, manager);
    if (!found) return null;
    if (found.sessionId) await this.inventory.lockSession(found.sessionId, manager);
    return this.bookings.findByIdForUpdate(bookingId, manager);
  }

  async cancel(
    manager: EntityManager,
    booking: Booking,
    options: {
      by: string | null;
      reason: string | null;
      refund: Refund | null;
      offerSeats?: boolean;
      /** Why, for the member's e-mail: their own (or an admin's) cancellation, or the session's. */
      cause?: 'booking' | 'session';
    },
  ): Promise<Booking> {
    await this.giveBack(manager, booking);
    const cancelled = await this.bookings.update(
      booking.id,
      {
        status: 'cancelled',
        cancelledAt: this.clock.now(),
        cancelledBy: options.by,
        cancellationReason: options.reason,
        refundPercent: options.refund?.percent ?? null,
        refundCents: options.refund?.amountCents ?? null,
        holdExpiresAt: null,
        offerExpiresAt: null,
      },
      manager,
    );
    await this.outbox.record(
      manager,
      bookingEvent(BookingEvents.Cancelled, cancelled, {
        previousStatus: booking.status,
        refundCents: options.refund?.amountCents ?? 0,
        refundPercent: options.refund?.percent ?? 0,
        cancelledBy: options.by,
        cause: options.cause ?? 'booking',
      }),
    );
    if (options.offerSeats !== false) await this.offerSeats(manager, booking);
    return cancelled;
  }

  async expire(
    manager: EntityManager,
    booking: Booking,
    eventType: typeof BookingEvents.Expired | typeof BookingEvents.WaitlistOfferExpired,
  ): Promise<Booking> {
    await this.giveBack(manager, booking);
    const expired = await this.bookings.update(
      booking.id,
      { status: 'expired', holdExpiresAt: null, offerExpiresAt: null },
      manager,
    );
    await this.outbox.record(
      manager,
      bookingEvent(eventType, expired, { previousStatus: booking.status }),
    );
    await this.offerSeats(manager, booking);
    return expired;
  }

  /** Only live bookings are cancelled or expired here, so attended and no-show never reach it. */
  private async giveBack(manager: EntityManager, booking: Booking): Promise<void> {
    if (!SEAT_HOLDING_STATUSES.includes(booking.status)) return;
    if (booking.sessionId)
      await this.inventory.releaseSeats(booking.sessionId, booking.seats, manager);
    if (booking.slotId) await this.inventory.releaseSlot(booking.slotId, manager);
  }

  private async offerSeats(manager: EntityManager, booking: Booking): Promise<void> {
    if (booking.sessionId && booking.status !== 'waitlisted') {
      await this.waitlist.offerFreedSeats(booking.sessionId, manager);
    }
  }
}
