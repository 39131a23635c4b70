import type { DomainEvent } from '@mutualis/core';
import { PaymentsEvents } from '../payments.events';

/** Announces Stripe's fee on a payment, recorded in the transaction that stores it. */
export function feeRecordedEvent(paymentId: string, feeCents: number): DomainEvent {
  return {
    type: PaymentsEvents.FeeRecorded,
    aggregateType: 'payment',
    aggregateId: paymentId,
    payload: { feeCents },
  };
}
