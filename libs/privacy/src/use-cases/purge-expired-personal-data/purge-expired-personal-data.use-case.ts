import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { BookingPersonalDataRepository } from '@mutualis/booking';
import { Clock, Environment } from '@mutualis/core';
import { NotificationsPersonalDataRepository } from '@mutualis/notifications';

const DAY_MS = 86_400_000;

export interface RetentionOutcome {
  attendees: number;
  deliveries: number;
}

/**
 * Retention (art. 5(1)(e) GDPR), run daily by the worker: attendees' names and e-mails are
 * anonymised ATTENDEE_RETENTION_DAYS after their service, messages' rendered data dropped
 * MAIL_DATA_RETENTION_DAYS after sending. Set-based and idempotent: a second run changes nothing.
 */
@Injectable()
export class PurgeExpiredPersonalDataUseCase {
  constructor(
    private readonly bookings: BookingPersonalDataRepository,
    private readonly notifications: NotificationsPersonalDataRepository,
    private readonly config: ConfigService<Environment, true>,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<RetentionOutcome> {
    const now = this.clock.now().getTime();
    const attendeeDays = this.config.get('ATTENDEE_RETENTION_DAYS', { infer: true });
    const mailDays = this.config.get('MAIL_DATA_RETENTION_DAYS', { infer: true });
    const attendees = await this.bookings.anonymiseAttendeesOfServicesBefore(
      new Date(now - attendeeDays * DAY_MS),
    );
    const deliveries = await this.notifications.purgeRenderedDataSentBefore(
      new Date(now - mailDays * DAY_MS),
    );
    return { attendees, deliveries };
  }
}
