import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@mutualis/core';
import {
  ANONYMOUS_PRICING,
  CancelSessionUseCase,
  presentSession,
  PricingService,
  SeatInventoryService,
  SessionView,
} from '@mutualis/catalogue';
import { Actor } from '@mutualis/identity';
import { BookingRepository } from '../../repositories/booking.repository';
import { fullRefund } from '../../services/refund-policy';
import { BookingReleaser } from '../../services/booking-releaser';

export interface SessionCancellation {
  session: SessionView;
  /** Every booking that was alive on it, now cancelled; the confirmed ones are refunded in full. */
  cancelledBookings: { bookingId: string; organisationId: string; refundCents: number }[];
}

/**
 * The consultant or an admin cancels a session: the session and every booking on it, in one
 * transaction, with a full refund for what was paid whatever the policy.
 */
@Injectable()
export class CancelSessionWithBookingsUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: CancelSessionUseCase,
    private readonly bookings: BookingRepository,
    private readonly releaser: BookingReleaser,
    private readonly inventory: SeatInventoryService,
    private readonly pricing: PricingService,
    private readonly clock: Clock,
  ) {}

  execute(actor: Actor, sessionId: string, reason: string | null): Promise<SessionCancellation> {
    return this.dataSource.transaction(async (manager) => {
      const { session, offering } = await this.sessions.within(manager, actor, sessionId, reason);
      const cancelled: SessionCancellation['cancelledBookings'] = [];
      for (const booking of await this.bookings.liveOnSession(session.id, manager)) {
        const refund =
          booking.status === 'confirmed'
            ? fullRefund(booking, booking.serviceStartsAt, this.clock.now())
            : null;
        await this.releaser.cancel(manager, booking, {
          by: actor.userId,
          reason: reason ? `session cancelled: ${reason}` : 'session cancelled',
          refund,
          offerSeats: false,
          cause: 'session',
        });
        cancelled.push({
          bookingId: booking.id,
          organisationId: booking.organisationId,
          refundCents: refund?.amountCents ?? 0,
        });
      }
      // The seats as the releases above left them, read in this transaction.
      const seatsTaken = await this.inventory.seatsTaken(session.id, manager);
      return {
        session: presentSession(
          { ...session, seatsTaken },
          this.pricing.priceOn(offering, session.startsAt, ANONYMOUS_PRICING),
          true,
        ),
        cancelledBookings: cancelled,
      };
    });
  }
}
