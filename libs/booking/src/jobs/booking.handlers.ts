import { Injectable } from '@nestjs/common';
import { EventJob, OnEvent, OnJob, QueueName } from '@mutualis/core';
import { BookingEvents, BookingJobs } from '../booking.events';
import { ExpireHoldUseCase } from '../use-cases/expire-hold/expire-hold.use-case';
import { ExpireOfferUseCase } from '../use-cases/expire-offer/expire-offer.use-case';
import { SweepExpiredBookingsUseCase } from '../use-cases/sweep-expired-bookings/sweep-expired-bookings.use-case';

/**
 * Booking's scheduled work: a hold or a waitlist offer running out. The delayed jobs come from
 * the outbox (written with the hold, delivered at its end); the sweep catches whatever they
 * missed. Both re-check the booking, so either may arrive first, or twice.
 */
@Injectable()
export class BookingHandlers {
  constructor(
    private readonly holdExpiry: ExpireHoldUseCase,
    private readonly offerExpiry: ExpireOfferUseCase,
    private readonly sweep: SweepExpiredBookingsUseCase,
  ) {}

  @OnEvent(BookingEvents.HoldExpiryDue, QueueName.Booking)
  async expireHold(event: EventJob<typeof BookingEvents.HoldExpiryDue>) {
    return { outcome: await this.holdExpiry.execute(event.aggregateId) };
  }

  @OnEvent(BookingEvents.OfferExpiryDue, QueueName.Booking)
  async expireOffer(event: EventJob<typeof BookingEvents.OfferExpiryDue>) {
    return { outcome: await this.offerExpiry.execute(event.aggregateId) };
  }

  /** The safety net for holds and offers whose delayed job was lost (every minute by default). */
  @OnJob(BookingJobs.SweepExpired, QueueName.Booking, {
    schedule: (config) => ({ every: config.get('BOOKING_SWEEP_SECONDS', { infer: true }) * 1000 }),
  })
  sweepExpired() {
    return this.sweep.execute();
  }
}
