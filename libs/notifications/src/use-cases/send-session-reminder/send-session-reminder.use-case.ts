import { Injectable } from '@nestjs/common';
import { DeliveryDispatcher } from '../../services/delivery-dispatcher';
import { NotificationPlanner } from '../../services/notification-planner';

/**
 * The reminder two days before a booked service, from its delayed job. The planner re-reads the
 * booking and the log is keyed per booking, so a replay sends nothing twice.
 */
@Injectable()
export class SendSessionReminderUseCase {
  constructor(
    private readonly planner: NotificationPlanner,
    private readonly dispatcher: DeliveryDispatcher,
  ) {}

  async execute(bookingId: string): Promise<number> {
    return this.dispatcher.dispatch(await this.planner.sessionReminder(bookingId));
  }
}
