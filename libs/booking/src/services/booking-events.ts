import { DomainEvent, EventCatalogue } from '@mutualis/core';
import { BookingEvents, BookingFactPayload } from '../booking.events';
import { Booking } from '../entities/booking.entity';

/** The booking facts whose payload is the common one plus their own fields. */
type BookingFactEvent = {
  [T in keyof EventCatalogue]: EventCatalogue[T] extends BookingFactPayload ? T : never;
}[keyof EventCatalogue];

/** A booking fact for the outbox: ids and amounts only, consumers reload the rest. */
export function bookingEvent<T extends BookingFactEvent>(
  type: T,
  booking: Booking,
  ...[extra]: Record<never, never> extends Omit<EventCatalogue[T], keyof BookingFactPayload>
    ? [extra?: Omit<EventCatalogue[T], keyof BookingFactPayload>]
    : [extra: Omit<EventCatalogue[T], keyof BookingFactPayload>]
): DomainEvent<T> {
  const payload: BookingFactPayload = {
    organisationId: booking.organisationId,
    offeringId: booking.offeringId,
    sessionId: booking.sessionId,
    slotId: booking.slotId,
    status: booking.status,
  };
  // The common fields and the event's own make its payload, which TypeScript cannot see through T.
  const event = {
    type,
    aggregateType: 'booking',
    aggregateId: booking.id,
    payload: { ...payload, ...extra } as EventCatalogue[T],
  };
  return event;
}

/** Scheduled work: the worker expires the hold or offer at that instant (the sweep catches up otherwise). */
export function expiryDue(kind: 'hold' | 'offer', booking: Booking, at: Date): DomainEvent {
  return {
    type: kind === 'hold' ? BookingEvents.HoldExpiryDue : BookingEvents.OfferExpiryDue,
    aggregateType: 'booking',
    aggregateId: booking.id,
    payload: { bookingId: booking.id },
    deliverAt: at,
  };
}
