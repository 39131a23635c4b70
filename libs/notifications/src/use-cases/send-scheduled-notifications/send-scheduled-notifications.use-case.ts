import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { BookingFactsService } from '@mutualis/booking';
import { CatalogueFactsService } from '@mutualis/catalogue';
import { InvoiceLedgerService } from '@mutualis/invoicing';
import { DeliveryRepository } from '../../repositories/delivery.repository';
import { DeliveryDispatcher } from '../../services/delivery-dispatcher';
import { NotificationPlanner, OverdueStage } from '../../services/notification-planner';
import { NotificationScheduler, REMINDER_LEAD_MS } from '../../services/notification-scheduler';

const PARIS = 'Europe/Paris';

/** Pending messages older than this have probably lost their job (Redis restarted without data). */
const STALE_PENDING_MINUTES = 30;

/**
 * Mail that is due at a time rather than on an event. Each handler re-reads the state and the
 * log is keyed per booking, invoice stage or session, so running one twice sends nothing twice.
 */
@Injectable()
export class SendScheduledNotificationsUseCase {
  constructor(
    private readonly planner: NotificationPlanner,
    private readonly dispatcher: DeliveryDispatcher,
    private readonly catalogue: CatalogueFactsService,
    private readonly deliveries: DeliveryRepository,
    private readonly scheduler: NotificationScheduler,
    private readonly bookings: BookingFactsService,
    private readonly ledger: InvoiceLedgerService,
  ) {}

  async sessionReminder(bookingId: string): Promise<number> {
    return this.dispatcher.dispatch(await this.planner.sessionReminder(bookingId));
  }

  async overdueReminder(invoiceId: string, stage: OverdueStage): Promise<number> {
    return this.dispatcher.dispatch(await this.planner.overdueReminder(invoiceId, stage));
  }

  /** Sends each consultant the list of attendees of their sessions on the next Paris day. */
  async attendeeLists(now = new Date()): Promise<{ sessions: number; queued: number }> {
    const tomorrow = DateTime.fromJSDate(now, { zone: PARIS }).plus({ days: 1 }).startOf('day');
    const sessionIds = await this.catalogue.scheduledSessionIdsStarting(
      tomorrow.toJSDate(),
      tomorrow.plus({ days: 1 }).toJSDate(),
    );
    let queued = 0;
    for (const sessionId of sessionIds) {
      queued += await this.dispatcher.dispatch(await this.planner.attendeeList(sessionId));
    }
    return { sessions: sessionIds.length, queued };
  }

  /**
   * Schedules again, from the database, every reminder and dunning letter still ahead: delayed
   * jobs live in Redis, and one that restarted without its data lost them. Job ids are fixed,
   * so the jobs still there are not doubled.
   */
  async rebuildSchedules(now = new Date()): Promise<{ reminders: number; dunning: number }> {
    let reminders = 0;
    const ahead = await this.bookings.confirmedStartingAfter(
      new Date(now.getTime() + REMINDER_LEAD_MS),
    );
    for (const booking of ahead) {
      if (await this.scheduler.scheduleReminder(booking.bookingId, booking.startsAt, now)) {
        reminders++;
      }
    }
    let dunning = 0;
    for (const invoice of await this.ledger.openInvoices()) {
      dunning += await this.scheduler.scheduleOverdue(invoice.invoiceId, invoice.dueDate, now);
    }
    return { reminders, dunning };
  }

  /** Queues again the pending messages whose job is gone; a job still there is not doubled. */
  async requeueStale(): Promise<number> {
    const ids = await this.deliveries.stalePending(STALE_PENDING_MINUTES, 500);
    await this.dispatcher.enqueue(ids);
    return ids.length;
  }
}
