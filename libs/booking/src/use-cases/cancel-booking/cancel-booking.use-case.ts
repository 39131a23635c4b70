import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@mutualis/core';
import { Actor, hasRole } from '@mutualis/identity';
import { BookingErrorCode, BookingException, bookingNotFound } from '../../booking.exception';
import { CANCELLABLE_STATUSES } from '../../booking.types';
import { BookingRepository } from '../../repositories/booking.repository';
import { BookingAccessService } from '../../services/booking-access.service';
import { fullRefund, parisDaysBetween, Refund, refundFor } from '../../services/refund-policy';
import { BookingView, presentBooking } from '../../views/booking.view';
import { BookingReleaser } from '../../services/booking-releaser';

export interface CancelBookingCommand {
  actor: Actor;
  bookingId: string;
  reason?: string;
  /** Admins may waive the policy and refund everything. */
  fullRefund?: boolean;
}

export interface CancellationResult {
  booking: BookingView;
  /** What is owed back, including VAT: under the policy for a confirmed booking, nothing for an unpaid one. */
  refund: Refund & { basis: 'policy' | 'waived' | 'nothing_paid' };
}

/**
 * A member (or an admin) cancels a booking. The policy snapshotted on the booking decides the
 * refund of a confirmed booking; the seats go back to the session and to its waitlist.
 */
@Injectable()
export class CancelBookingUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bookings: BookingRepository,
    private readonly access: BookingAccessService,
    private readonly releaser: BookingReleaser,
    private readonly clock: Clock,
  ) {}

  async execute(command: CancelBookingCommand): Promise<CancellationResult> {
    const found = await this.bookings.findById(command.bookingId);
    if (!found) throw bookingNotFound();
    await this.access.assertCanAct(command.actor, found);
    const waive = command.fullRefund === true && hasRole(command.actor, 'admin');
    const { booking, refund } = await this.dataSource.transaction(async (manager) => {
      const booking = await this.releaser.lock(command.bookingId, manager);
      if (!booking) throw bookingNotFound();
      if (!CANCELLABLE_STATUSES.includes(booking.status)) {
        throw new BookingException(
          BookingErrorCode.NotCancellable,
          `a ${booking.status} booking cannot be cancelled`,
        );
      }
      const now = this.clock.now();
      const paid = booking.status === 'confirmed';
      const refund: CancellationResult['refund'] = !paid
        ? {
            percent: 0,
            amountCents: 0,
            daysBefore: parisDaysBetween(now, booking.serviceStartsAt),
            basis: 'nothing_paid',
          }
        : waive
          ? {
              ...fullRefund(booking, booking.serviceStartsAt, now),
              basis: 'waived',
            }
          : {
              ...refundFor(booking.cancellationPolicy, booking, booking.serviceStartsAt, now),
              basis: 'policy',
            };
      const cancelled = await this.releaser.cancel(manager, booking, {
        by: command.actor.userId,
        reason: command.reason?.trim() || null,
        refund: paid ? refund : null,
      });
      return { booking: cancelled, refund };
    });
    return {
      booking: presentBooking(booking, await this.bookings.attendeesOf([booking.id])),
      refund,
    };
  }
}
