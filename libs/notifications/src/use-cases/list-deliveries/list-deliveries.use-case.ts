import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { decodeCursor, Page, QueueName, toPage } from '@mutualis/core';
import { DeliveryStatus, NotificationDelivery } from '../../entities/notification-delivery.entity';
import { NotificationsErrorCode, NotificationsException } from '../../notifications.exception';
import { DeliveryRepository } from '../../repositories/delivery.repository';
import { DeliveryDispatcher } from '../../services/delivery-dispatcher';

export interface DeliveryView {
  id: string;
  eventKey: string;
  recipient: string;
  template: string;
  locale: string;
  status: DeliveryStatus;
  attempts: number;
  smtpMessageId: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export function presentDelivery(delivery: NotificationDelivery): DeliveryView {
  return {
    id: delivery.id,
    eventKey: delivery.eventKey,
    recipient: delivery.recipient,
    template: delivery.template,
    locale: delivery.locale,
    status: delivery.status,
    attempts: delivery.attempts,
    smtpMessageId: delivery.smtpMessageId,
    lastError: delivery.lastError,
    createdAt: delivery.createdAt.toISOString(),
    sentAt: delivery.sentAt?.toISOString() ?? null,
  };
}

/** The delivery log for admins: what was sent to whom, what failed, and sending it again. */
@Injectable()
export class ListDeliveriesUseCase {
  private readonly logger = new Logger(ListDeliveriesUseCase.name);

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly dispatcher: DeliveryDispatcher,
    @InjectQueue(QueueName.Notifications) private readonly queue: Queue,
  ) {}

  async list(query: {
    statuses?: DeliveryStatus[];
    recipient?: string;
    limit: number;
    cursor?: string;
  }): Promise<Page<DeliveryView>> {
    const after = decodeCursor(query.cursor) ?? undefined;
    const rows = await this.deliveries.list({ ...query, limit: query.limit + 1, after });
    return toPage(rows, query.limit, presentDelivery);
  }

  /** Sends a failed message again, as it was planned (same recipient, data and attachments). */
  async resend(deliveryId: string): Promise<DeliveryView> {
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
