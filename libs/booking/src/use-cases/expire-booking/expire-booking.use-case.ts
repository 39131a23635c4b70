import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@mutualis/core';
import { BookingRepository } from '../../repositories/booking.repository';
import { BookingReleaser } from '../../services/booking-releaser';
import { BookingEvents } from '../../booking.events';

export type ExpiryOutcome = 'expired' | 'skipped';

const SWEEP_BATCH = 500;

/**
 * Ends holds and waitlist offers that ran out (the worker's delayed jobs, and the sweep behind
 * them: one operation with its two triggers and its safety net), giving their seats to the next in line. Each
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
