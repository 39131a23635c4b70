import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { QueueName } from '@mutualis/core';
import { NotificationsErrorCode, NotificationsException } from '../../notifications.exception';
import { DeliveryRepository } from '../../repositories/delivery.repository';
import { DeliveryDispatcher } from '../../services/delivery-dispatcher';
import { DeliveryView, presentDelivery } from '../../views/delivery.view';

/** Admins send a failed message again. */
@Injectable()
export class ResendDeliveryUseCase {
  private readonly logger = new Logger(ResendDeliveryUseCase.name);

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly dispatcher: DeliveryDispatcher,
    @InjectQueue(QueueName.Notifications) private readonly queue: Queue,
  ) {}

  /** Sends a failed message again, as it was planned (same recipient, data and attachments). */
  async execute(deliveryId: string): Promise<DeliveryView> {
    const requeued = await this.deliveries.requeueFailed(deliveryId);
    if (!requeued) {
      const existing = await this.deliveries.findById(deliveryId);
      if (!existing) {
        throw new NotificationsException(
          NotificationsErrorCode.DeliveryNotFound,
          'delivery not found',
        );
      }
      throw new NotificationsException(
        NotificationsErrorCode.DeliveryNotFailed,
        `this message is ${existing.status}; only failed messages can be sent again`,
      );
    }
    // The failed job keeps its id for a week: remove it, or the new one would be dropped.
    // With Redis away, the message stays pending and the worker's sweep queues it later.
    await this.queue
      .remove(DeliveryDispatcher.jobId(deliveryId))
      .then(() => this.dispatcher.enqueue([deliveryId]))
      .catch((error: unknown) =>
        this.logger.warn({ deliveryId, error: String(error) }, 'resend queued for the sweep'),
      );
    return presentDelivery(requeued);
  }
}
