import { Injectable } from '@nestjs/common';
import { DeliveryRepository } from '../../repositories/delivery.repository';
import { DeliveryDispatcher } from '../../services/delivery-dispatcher';

/** Pending messages older than this have probably lost their job (Redis restarted without data). */
const STALE_PENDING_MINUTES = 30;

/** Queues again the pending messages whose job is gone; a job still there is not doubled. */
@Injectable()
export class RequeueStaleDeliveriesUseCase {
  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly dispatcher: DeliveryDispatcher,
  ) {}

  async execute(): Promise<number> {
    const ids = await this.deliveries.stalePending(STALE_PENDING_MINUTES, 500);
    await this.dispatcher.enqueue(ids);
    return ids.length;
  }
}
