import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OutboxService } from '@mutualis/core';
import { Booking } from '../../entities/booking.entity';
import { BookingRepository } from '../../repositories/booking.repository';
import { expiryDue } from '../../services/booking-events';
import { BookingReleaser } from '../../services/booking-releaser';

/**
 * Makes a booking's hold last at least until `until` (a card checkout cannot expire sooner
 * than Stripe allows), never past the start of the service; the delayed expiry follows the
 * new time. Null when the booking no longer awaits payment.
 */
@Injectable()
export class ExtendHoldUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bookings: BookingRepository,
    private readonly releaser: BookingReleaser,
    private readonly outbox: OutboxService,
  ) {}

  execute(bookingId: string, until: Date): Promise<Booking | null> {
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
}
