import { Injectable } from '@nestjs/common';
import { BookingFactsService } from '@mutualis/booking';
import { InvoiceLedgerService } from '@mutualis/invoicing';
import { RenewalRemindersService } from '@mutualis/membership';
import { NotificationScheduler, REMINDER_LEAD_MS } from '../../services/notification-scheduler';

/**
 * Schedules again, from the database, every reminder and dunning letter still ahead: delayed
 * jobs live in Redis, and one that restarted without its data lost them. Job ids are fixed, so
 * the jobs still there are not doubled.
 */
@Injectable()
export class RebuildNotificationSchedulesUseCase {
  constructor(
    private readonly scheduler: NotificationScheduler,
    private readonly bookings: BookingFactsService,
    private readonly ledger: InvoiceLedgerService,
    private readonly renewals: RenewalRemindersService,
  ) {}

  async execute(
    now = new Date(),
  ): Promise<{ reminders: number; dunning: number; renewalReminders: number }> {
    let reminders = 0;
    const ahead = await this.bookings.confirmedStartingAfter(
      new Date(now.getTime() + REMINDER_LEAD_MS),
    );
    for (const booking of ahead) {
      if (await this.scheduler.scheduleReminder(booking.bookingId, booking.startsAt, now)) {
        reminders++;
      }
    }
    // Renewal invoices are chased by their year's reminders, not by the dunning letters.
    const renewals = new Map((await this.renewals.plans()).map((plan) => [plan.invoiceId, plan]));
    let dunning = 0;
    let renewalReminders = 0;
    for (const invoice of await this.ledger.openInvoices()) {
      const renewal = renewals.get(invoice.invoiceId);
      if (renewal) {
        renewalReminders += await this.scheduler.scheduleRenewalReminders(
          invoice.invoiceId,
          invoice.issueDate,
          renewal,
          now,
        );
      } else {
        dunning += await this.scheduler.scheduleOverdue(invoice.invoiceId, invoice.dueDate, now);
      }
    }
    return { reminders, dunning, renewalReminders };
  }
}
