import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@mutualis/core';
import { BookingEvents } from '../../booking.events';
import type { ExpiryOutcome } from '../../booking.types';
import { BookingReleaser } from '../../services/booking-releaser';

/**
 * Ends a waitlist offer that ran out unaccepted; the seats go to the next in line. Re-checked
 * under the booking's lock, so its delayed job and the sweep may both arrive, in any order.
 */
@Injectable()
export class ExpireOfferUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly releaser: BookingReleaser,
    private readonly clock: Clock,
  ) {}

  execute(bookingId: string): Promise<ExpiryOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const booking = await this.releaser.lock(bookingId, manager);
      if (
        booking?.status !== 'offered' ||
        !booking.offerExpiresAt ||
        booking.offerExpiresAt > this.clock.now()
      ) {
        return 'skipped';
      }
      await this.releaser.expire(manager, booking, BookingEvents.WaitlistOfferExpired);
      return 'expired';
    });
  }
}
