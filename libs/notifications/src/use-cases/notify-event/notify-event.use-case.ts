import { Injectable } from '@nestjs/common';
import { BookingFactsService } from '@mutualis/booking';
import { EventJobData } from '@mutualis/core';
import { InvoiceRepository } from '@mutualis/invoicing';
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
    const queued = await this.dispatcher.dispatch(await this.planner.forEvent(event));
    return { queued, scheduled: await this.reschedule(event) };
  }

  private async reschedule(event: EventJobData): Promise<number> {
    switch (event.type) {
      case 'booking.confirmed': {
        const booking = await this.bookings.forNotice(event.aggregateId);
        if (booking?.status !== 'confirmed') return 0;
        return (await this.scheduler.scheduleReminder(booking.bookingId, booking.serviceStartsAt))
          ? 1
          : 0;
      }
      case 'booking.cancelled':
        await this.scheduler.cancelReminder(event.aggregateId);
        return 0;
      // A payment taken back (an allocation undone) puts the letters still ahead back in line.
      case 'invoice.issued':
      case 'invoice.payment-reversed': {
        const invoice = await this.invoices.findById(event.aggregateId);
        if (!invoice?.dueDate || !['issued', 'partially_paid'].includes(invoice.status)) return 0;
        return this.scheduler.scheduleOverdue(invoice.id, invoice.dueDate);
      }
      case 'invoice.payment-recorded':
        if (event.payload.status === 'paid') await this.scheduler.cancelOverdue(event.aggregateId);
        return 0;
      default:
        return 0;
    }
  }
}
