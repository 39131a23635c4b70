import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { QueueName } from '@mutualis/core';
import { NotificationsJobs } from '../notifications.events';
import { overdueSchedule, OVERDUE_STAGES, OverdueStage } from './notification-planner';
import { RenewalStage, renewalSchedule, RenewalTimetable } from './renewal-schedule';

/** Reminders go out this long before a session starts. */
export const REMINDER_LEAD_MS = 48 * 3_600_000;

export interface ReminderJobData {
  bookingId: string;
}

export interface OverdueJobData {
  invoiceId: string;
  stage: OverdueStage;
}

export interface RenewalReminderJobData {
  invoiceId: string;
  stage: RenewalStage;
  final: boolean;
}

/**
 * Delayed BullMQ jobs for mail that is due later, with fixed ids so scheduling twice adds
 * nothing. Cancelling removes them; their handlers re-check the state anyway, so a job that
 * escapes removal (or runs twice) sends nothing that no longer applies.
 */
@Injectable()
export class NotificationScheduler {
  constructor(@InjectQueue(QueueName.Notifications) private readonly queue: Queue) {}

  static reminderJobId(bookingId: string): string {
    return `reminder-${bookingId}`;
  }

  static renewalJobId(invoiceId: string, stage: RenewalStage): string {
    return `renewal-${invoiceId}-${stage}`;
  }

  static overdueJobId(invoiceId: string, stage: OverdueStage): string {
    return `overdue-${invoiceId}-${stage}`;
  }

  /** Schedules the reminder; a booking confirmed within the lead time needs none. */
  async scheduleReminder(bookingId: string, startsAt: Date, now = new Date()): Promise<boolean> {
    const delay = startsAt.getTime() - REMINDER_LEAD_MS - now.getTime();
    if (delay <= 0) return false;
    const data: ReminderJobData = { bookingId };
    await this.queue.add(NotificationsJobs.SessionReminder, data, {
      jobId: NotificationScheduler.reminderJobId(bookingId),
      timestamp: now.getTime(),
      delay,
    });
    return true;
  }

  async cancelReminder(bookingId: string): Promise<void> {
    await this.queue.remove(NotificationScheduler.reminderJobId(bookingId));
  }

  /** Schedules the dunning letters still ahead for an invoice due on `dueDate`. */
  async scheduleOverdue(invoiceId: string, dueDate: string, now = new Date()): Promise<number> {
    const ahead = overdueSchedule(dueDate).filter(({ at }) => at.getTime() > now.getTime());
    for (const { stage, at } of ahead) {
      const data: OverdueJobData = { invoiceId, stage };
      await this.queue.add(NotificationsJobs.InvoiceOverdue, data, {
        jobId: NotificationScheduler.overdueJobId(invoiceId, stage),
        timestamp: now.getTime(),
        delay: at.getTime() - now.getTime(),
      });
    }
    return ahead.length;
  }

  async cancelOverdue(invoiceId: string): Promise<void> {
    for (const stage of OVERDUE_STAGES) {
      await this.queue.remove(NotificationScheduler.overdueJobId(invoiceId, stage));
    }
  }

  /** Schedules the reminders and final notice still ahead for a renewal invoice issued on `issueDate`. */
  async scheduleRenewalReminders(
    invoiceId: string,
    issueDate: string,
    timetable: RenewalTimetable,
    now = new Date(),
  ): Promise<number> {
    const ahead = renewalSchedule(issueDate, timetable).filter(
      ({ at }) => at.getTime() > now.getTime(),
    );
    for (const { stage, final, at } of ahead) {
      const data: RenewalReminderJobData = { invoiceId, stage, final };
      await this.queue.add(NotificationsJobs.RenewalReminder, data, {
        jobId: NotificationScheduler.renewalJobId(invoiceId, stage),
        timestamp: now.getTime(),
        delay: at.getTime() - now.getTime(),
      });
    }
    return ahead.length;
  }
}
