import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, OutboxService } from '@mutualis/core';
import { BookingRepository } from '../../repositories/booking.repository';
import { Booking } from '../../entities/booking.entity';
import { BookingReleaser } from '../../services/booking-releaser';
import { BookingEvents } from '../../booking.events';
import { expiryDue } from '../../services/booking-events';

export type ExpiryOutcome = 'expired' | 'skipped';

const SWEEP_BATCH = 500;

/**
 * Ends holds and waitlist offers that ran out, giving their seats to the next in line. Each
 * call re-checks the booking under its lock, so a delayed job, its replay and the periodic
 * sweep can all reach the same booking: only the first does anything.
 */
@Injectable()
export class ExpireBookingUseCase {
  private readonly logger = new Logger(ExpireBookingUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bookings: BookingRepository,
    private readonly releaser: BookingReleaser,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  expireHold(bookingId: string): Promise<ExpiryOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const booking = await this.releaser.lock(bookingId, manager);
      const now = this.clock.now();
      if (
        booking?.status !== 'pending_payment' ||
        !booking.holdExpiresAt ||
        booking.holdExpiresAt > now
      ) {
        return 'skipped';
      }
      await this.releaser.expire(manager, booking, BookingEvents.Expired);
      return 'expired';
    });
  }

  expireOffer(bookingId: string): Promise<ExpiryOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const booking = await this.releaser.lock(bookingId, manager);
      const now = this.clock.now();
      if (booking?.status !== 'offered' || !booking.offerExpiresAt || booking.offerExpiresAt > now)
        return 'skipped';
      await this.releaser.expire(manager, booking, BookingEvents.WaitlistOfferExpired);
      return 'expired';
    });
  }

  /** Ends a booking whose payment failed (a SEPA debit refused): its seats go to the waitlist. */
  expireUnpaid(bookingId: string): Promise<ExpiryOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const booking = await this.releaser.lock(bookingId, manager);
      if (booking?.status !== 'pending_payment') return 'skipped';
      await this.releaser.expire(manager, booking, BookingEvents.Expired);
      return 'expired';
    });
  }

  /**
   * Makes the hold last at least until `until` (a card checkout cannot expire sooner than
   * Stripe allows); the delayed expiry follows the new time.
   */
  extendHold(bookingId: string, until: Date): Promise<Booking | null> {
    return this.dataSource.transaction(async (manager) => {
      const booking = await this.releaser.lock(bookingId, manager);
      if (booking?.status !== 'pending_payment') return null;
      if (booking.holdExpiresAt && booking.holdExpiresAt >= until) return booking;
      const holdExpiresAt = new Date(Math.min(until.getTime(), booking.serviceStartsAt.getTime()));
      const extended = await this.bookings.update(booking.id, { holdExpiresAt }, manager);
      await this.outbox.record(manager, expiryDue('hold', extended, holdExpiresAt));
      return extended;
    });
  }

  /** Expires whatever is overdue: the safety net when a delayed job was lost. */
  async sweep(): Promise<{ holds: number; offers: number }> {
    const overdue = await this.bookings.overdueIds(SWEEP_BATCH);
    let holds = 0;
    let offers = 0;
    for (const id of overdue.holds) if ((await this.expireHold(id)) === 'expired') holds++;
    for (const id of overdue.offers) if ((await this.expireOffer(id)) === 'expired') offers++;
    if (holds + offers > 0)
      this.logger.log({ holds, offers }, 'sweep expired overdue holds and offers');
    return { holds, offers };
  }
}
