import { Injectable } from '@nestjs/common';
import { DeliveryDispatcher } from '../../services/delivery-dispatcher';
import { NotificationPlanner, OverdueStage } from '../../services/notification-planner';

/**
 * A dunning letter at one stage after the due date, from its delayed job. Nothing is sent once
 * the invoice is paid; the log is keyed per invoice and stage, so a replay sends nothing twice.
 */
@Injectable()
export class SendOverdueReminderUseCase {
  constructor(
    private readonly planner: NotificationPlanner,
    private readonly dispatcher: DeliveryDispatcher,
  ) {}

  async execute(invoiceId: string, stage: OverdueStage): Promise<number> {
    return this.dispatcher.dispatch(await this.planner.overdueReminder(invoiceId, stage));
  }
}
