import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@mutualis/core';
import { BookingEvents } from '../booking.events';
import type { BookingStatus, ExpiryOutcome } from '../booking.types';
import { Booking } from '../entities/booking.entity';
import { BookingReleaser } from './booking-releaser';

/** What runs out: an unpaid hold, or a waitlist offer nobody accepted. */
const EXPIRIES = {
  hold: {
    status: 'pending_payment',
    deadline: (booking: Booking) => booking.holdExpiresAt,
    event: BookingEvents.Expired,
  },
  offer: {
    status: 'offered',
    deadline: (booking: Booking) => booking.offerExpiresAt,
    event: BookingEvents.WaitlistOfferExpired,
  },
} satisfies Record<
  string,
  {
    status: BookingStatus;
    deadline: (booking: Booking) => Date | null;
    event: typeof BookingEvents.Expired | typeof BookingEvents.WaitlistOfferExpired;
  }
>;

export type ExpiryKind = keyof typeof EXPIRIES;

/**
 * Ends a hold or an offer whose time ran out, giving its seats to the next in line. Its delayed
 * job, a replay of it and the sweep may all reach one booking: re-checked under the booking's
 * lock, only the first does anything.
 */
@Injectable()
export class OverdueExpiry {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly releaser: BookingReleaser,
    private readonly clock: Clock,
  ) {}

  expire(kind: ExpiryKind, bookingId: string): Promise<ExpiryOutcome> {
    const { status, deadline, event } = EXPIRIES[kind];
    return this.dataSource.transaction(async (manager) => {
      const booking = await this.releaser.lock(bookingId, manager);
      const due = booking && deadline(booking);
      if (booking?.status !== status || !due || due > this.clock.now()) return 'skipped';
      await this.releaser.expire(manager, booking, event);
      return 'expired';
    });
  }
}
