import { Injectable } from '@nestjs/common';
import { DeliveryDispatcher } from '../../services/delivery-dispatcher';
import { RenewalReminderPlanner } from '../../services/renewal-reminder-planner';
import type { RenewalStage } from '../../services/renewal-schedule';

/** A renewal invoice's reminder or final notice, from its delayed job (sent only while still due). */
@Injectable()
export class SendRenewalReminderUseCase {
  constructor(
    private readonly planner: RenewalReminderPlanner,
    private readonly dispatcher: DeliveryDispatcher,
  ) {}

  async execute(invoiceId: string, stage: RenewalStage, final: boolean): Promise<number> {
    return this.dispatcher.dispatch(await this.planner.reminder(invoiceId, stage, final));
  }
}
