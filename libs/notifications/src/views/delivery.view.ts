import { DeliveryStatus, NotificationDelivery } from '../entities/notification-delivery.entity';

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
