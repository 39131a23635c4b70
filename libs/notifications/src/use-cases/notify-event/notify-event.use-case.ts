import { Injectable } from '@nestjs/common';
import { BookingFactsService } from '@mutualis/booking';
import { EventJobData } from '@mutualis/core';
import { Invoice, InvoiceRepository } from '@mutualis/invoicing';
import { DeliveryDispatcher } from '../../services/delivery-dispatcher';
import { NotificationPlanner } from '../../services/notification-planner';
import { NotificationScheduler } from '../../services/notification-scheduler';

export interface NotifyOutcome {
  queued: number;
  scheduled?: number;
}

/**
 * Turns a domain event into e-mails (logged, then queued one job per message) and keeps the
 * mail that is due later in step: a confirmed booking gets its reminder, a cancelled one
 * loses it; an issued invoice gets its dunning letters, a paid one loses them, and gets the
 * letters still ahead back if the payment is reversed. Replaying the
 * event queues nothing new (the log is keyed by event and recipient) and schedules the same
 * jobs (fixed job ids).
 */
@Injectable()
export class NotifyEventUseCase {
  constructor(
    private readonly planner: NotificationPlanner,
    private readonly dispatcher: DeliveryDispatcher,
    private readonly scheduler: NotificationScheduler,
    private readonly bookings: BookingFactsService,
    private readonly invoices: InvoiceRepository,
  ) {}

  async execute(event: EventJobData): Promise<NotifyOutcome> {
    switch (event.type) {
      // The booking and the invoice are read once, for the mail and for what is due later.
      case 'booking.confirmed':
        return this.bookingConfirmed(event);
      case 'invoice.issued':
        return this.invoiceIssued(event);
      default: {
        const queued = await this.dispatcher.dispatch(await this.planner.forEvent(event));
        return { queued, scheduled: await this.reschedule(event) };
      }
    }
  }

  private async bookingConfirmed(event: EventJobData): Promise<NotifyOutcome> {
    const booking = await this.bookings.forNotice(event.aggregateId);
    if (!booking) return { queued: 0, scheduled: 0 };
    const queued = await this.dispatcher.dispatch(
      await this.planner.bookingConfirmed(event.eventId, booking),
    );
    const scheduled =
      booking.status === 'confirmed' &&
      (await this.scheduler.scheduleReminder(booking.bookingId, booking.serviceStartsAt));
    return { queued, scheduled: scheduled ? 1 : 0 };
  }

  private async invoiceIssued(event: EventJobData): Promise<NotifyOutcome> {
    const invoice = await this.invoices.findById(event.aggregateId);
    if (!invoice) return { queued: 0, scheduled: 0 };
    const queued = await this.dispatcher.dispatch(
      await this.planner.invoiceIssued(event.eventId, invoice),
    );
    return { queued, scheduled: await this.scheduleOverdue(invoice) };
  }

  private async reschedule(event: EventJobData): Promise<number> {
    switch (event.type) {
      case 'booking.cancelled':
        await this.scheduler.cancelReminder(event.aggregateId);
        return 0;
      // A payment taken back (an allocation undone) puts the letters still ahead back in line.
      case 'invoice.payment-reversed': {
        const invoice = await this.invoices.findById(event.aggregateId);
        return invoice ? this.scheduleOverdue(invoice) : 0;
      }
      case 'invoice.payment-recorded':
        if (event.payload.status === 'paid') await this.scheduler.cancelOverdue(event.aggregateId);
        return 0;
      default:
        return 0;
    }
  }

  /** The dunning letters of an invoice still owed. */
  private scheduleOverdue(invoice: Invoice): Promise<number> {
    if (!invoice.dueDate || !['issued', 'partially_paid'].includes(invoice.status))
      return Promise.resolve(0);
    return this.scheduler.scheduleOverdue(invoice.id, invoice.dueDate);
  }
}
