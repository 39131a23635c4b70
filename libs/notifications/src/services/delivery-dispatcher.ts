import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Queue } from 'bullmq';
import { Environment, QueueName } from '@mutualis/core';
import { NotificationsJobs } from '../notifications.events';
import { DeliveryRepository, PlannedDelivery } from '../repositories/delivery.repository';

export interface DeliverJobData {
  deliveryId: string;
}

/**
 * Writes planned messages to the delivery log, then queues one job per message to send, with
 * the delivery id as job id. The log row exists before its job, so a lost job is found again
 * (see requeue) and a message is never sent without a record of it.
 */
@Injectable()
export class DeliveryDispatcher {
  constructor(
    @InjectQueue(QueueName.Notifications) private readonly queue: Queue,
    private readonly deliveries: DeliveryRepository,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  static jobId(deliveryId: string): string {
    return `delivery-${deliveryId}`;
  }

  async dispatch(planned: PlannedDelivery[]): Promise<number> {
    const pending = await this.deliveries.plan(planned);
    await this.enqueue(pending.map((delivery) => delivery.id));
    return pending.length;
  }

  async enqueue(deliveryIds: string[]): Promise<void> {
    if (deliveryIds.length === 0) return;
    const attempts = this.config.get('MAIL_MAX_ATTEMPTS', { infer: true });
    const delay = this.config.get('MAIL_RETRY_DELAY_MS', { infer: true });
    await this.queue.addBulk(
      deliveryIds.map((deliveryId) => ({
        name: NotificationsJobs.Deliver,
        data: { deliveryId } satisfies DeliverJobData,
        opts: {
          jobId: DeliveryDispatcher.jobId(deliveryId),
          attempts,
          backoff: { type: 'exponential', delay },
        },
      })),
    );
  }
}

/**
 * Listens to the queue's connection errors as soon as the queue exists (it connects at once,
 * before slower providers are ready): they surface where it matters, as failed add() calls,
 * and unheard, BullMQ prints them.
 */
@Injectable()
export class QueueErrorListener {
  constructor(@InjectQueue(QueueName.Notifications) queue: Queue) {
    queue.on('error', () => undefined);
  }
}
