import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BookingReleaser } from '../../services/booking-releaser';
import type { ExpiryOutcome } from '../../booking.types';
import { BookingEvents } from '../../booking.events';

/**
 * Ends a booking whose payment failed (a SEPA debit refused): its seats go to the waitlist.
 * Re-checked under the booking's lock, so a replay does nothing.
 */
@Injectable()
export class ExpireUnpaidBookingUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly releaser: BookingReleaser,
  ) {}

  execute(bookingId: string): Promise<ExpiryOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const booking = await this.releaser.lock(bookingId, manager);
      if (booking?.status !== 'pending_payment') return 'skipped';
      await this.releaser.expire(manager, booking, BookingEvents.Expired);
      return 'expired';
    });
  }
}
