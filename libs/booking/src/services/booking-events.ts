import { DomainEvent } from '@mutualis/core';
import { Booking } from '../entities/booking.entity';

/** A booking fact for the outbox: ids and amounts only, consumers reload the rest. */
export function bookingEvent(
  type: string,
  booking: Booking,
  extra: DomainEvent['payload'] = {},
): DomainEvent {
  return {
    type,
    aggregateType: 'booking',
    aggregateId: booking.id,
    payload: {
      organisationId: booking.organisationId,
      offeringId: booking.offeringId,
      sessionId: booking.sessionId,
      slotId: booking.slotId,
      status: booking.status,
      ...extra,
    },
  };
}

/** Scheduled work: the worker expires the hold or offer at that instant (the sweep catches up otherwise). */
export function expiryDue(kind: 'hold' | 'offer', booking: Booking, at: Date): DomainEvent {
  return {
    type: kind === 'hold' ? 'booking.hold-expiry-due' : 'booking.offer-expiry-due',
    aggregateType: 'booking',
    aggregateId: booking.id,
    payload: { bookingId: booking.id },
    deliverAt: at,
  };
}
