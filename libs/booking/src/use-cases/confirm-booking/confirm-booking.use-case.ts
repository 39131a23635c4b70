import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, OutboxService } from '@mutualis/core';
import { InvoiceableBuyerService } from '@mutualis/identity';
import { BookingErrorCode, BookingException, bookingNotFound } from '../../booking.exception';
import { ConfirmationMethod } from '../../booking.types';
import { Booking } from '../../entities/booking.entity';
import { BookingRepository } from '../../repositories/booking.repository';
import { bookingEvent } from '../../services/booking-events';
import { ProcurementReferencesService } from '../../services/procurement-references.service';
import { BookingEvents } from '../../booking.events';
import { BookingView, presentBooking } from '../../views/booking.view';

export interface ConfirmBookingCommand {
  bookingId: string;
  method: ConfirmationMethod;
  /** The admin or finance user who confirms; null when a payment confirms it. */
  confirmedBy: string | null;
  /**
   * What the card or SEPA payment confirming the booking paid, in cents: its invoice, issued
   * from the confirmation, is then already settled. Only for those two methods.
   */
  paidCents?: number;
}

/**
 * The one way a booking becomes confirmed, whoever confirms it: an admin or finance for a
 * cheque or an administrative mandate, or the payments context when the money arrives. Its
 * invoice follows from the `booking.confirmed` event.
 */
@Injectable()
export class ConfirmBookingUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bookings: BookingRepository,
    private readonly outbox: OutboxService,
    private readonly buyers: InvoiceableBuyerService,
    private readonly procurement: ProcurementReferencesService,
    private readonly clock: Clock,
  ) {}

  async execute(command: ConfirmBookingCommand): Promise<BookingView> {
    const booking = await this.dataSource.transaction((manager) => this.within(manager, command));
    return presentBooking(booking, await this.bookings.attendeesOf([booking.id]));
  }

  /** Confirms inside the caller's transaction (a payment being recorded, for one). */
  async within(manager: EntityManager, command: ConfirmBookingCommand): Promise<Booking> {
    const booking = await this.bookings.findByIdForUpdate(command.bookingId, manager);
    if (!booking) throw bookingNotFound();
    const paidOnline = command.method === 'card' || command.method === 'sepa_debit';
    if (command.paidCents !== undefined && !paidOnline) {
      throw new RangeError(`a ${command.method} confirmation carries no payment`);
    }
    if (booking.status !== 'pending_payment' && booking.status !== 'offered') {
      throw new BookingException(
        BookingErrorCode.NotConfirmable,
        booking.status === 'confirmed'
          ? 'this booking is already confirmed'
          : `a ${booking.status} booking cannot be confirmed`,
      );
    }
    // A person confirming a cheque or a mandate is stopped before the money changes hands; money
    // a provider already took confirms all the same (the invoice job then holds the invoice).
    if (command.confirmedBy !== null) {
      await this.buyers.assertInvoiceable(booking.organisationId, manager);
      // A public body's structure may have come to require a reference since it booked.
      await this.procurement.assertComplete(booking, manager);
    }
    const confirmed = await this.bookings.update(
      booking.id,
      {
        status: 'confirmed',
        confirmedAt: this.clock.now(),
        confirmedBy: command.confirmedBy,
        confirmationMethod: command.method,
        confirmationPaidCents: command.paidCents ?? null,
        holdExpiresAt: null,
        offerExpiresAt: null,
      },
      manager,
    );
    await this.outbox.record(
      manager,
      bookingEvent(BookingEvents.Confirmed, confirmed, { method: command.method }),
    );
    return confirmed;
  }
}
