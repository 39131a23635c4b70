import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@mutualis/core';
import { BookingEvents } from '../../booking.events';
import type { ExpiryOutcome } from '../../booking.types';
import { BookingReleaser } from '../../services/booking-releaser';

/**
 * Ends a hold that ran out unpaid, giving its seats to the next in line. Its delayed job, a
 * replay of it and the sweep may all reach one booking: re-checked under the booking's lock,
 * only the first does anything.
 */
@Injectable()
export class ExpireHoldUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly releaser: BookingReleaser,
    private readonly clock: Clock,
  ) {}

  execute(bookingId: string): Promise<ExpiryOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const booking = await this.releaser.lock(bookingId, manager);
      if (
        booking?.status !== 'pending_payment' ||
        !booking.holdExpiresAt ||
        booking.holdExpiresAt > this.clock.now()
      ) {
        return 'skipped';
      }
      await this.releaser.expire(manager, booking, BookingEvents.Expired);
      return 'expired';
    });
  }
}
