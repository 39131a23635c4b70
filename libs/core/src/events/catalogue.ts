import type { Job } from 'bullmq';
import type { EventPayload } from '../outbox/outbox-event.entity';
import type { QueueName } from '../queue/queue-names';

/**
 * Every domain event, by its wire name (the `type` stored in `outbox_events` and used as the
 * BullMQ job name), with the payload it carries. Empty here: each context fills it in its own
 * `<context>.events.ts` through declaration merging, so core never imports a context.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by augmentation
export interface EventCatalogue {}

/**
 * Every job that is not an event (scheduled sweeps, delayed reminders, one job per e-mail), by
 * its BullMQ job name, with its data. Filled by the contexts like EventCatalogue.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by augmentation
export interface JobCatalogue {}

export type EventType = keyof EventCatalogue;
export type JobName = keyof JobCatalogue;

/** The payload of an event that carries nothing but its aggregate id. */
export type NoPayload = Record<string, never>;

/**
 * Payloads stay flat JSON (ids, amounts, statuses), as `outbox_events.payload` stores them:
 * consumers reload the state they need. A payload type that is not flat fails here.
 */
type FlatPayloads<C> = { [K in keyof C]: C[K] extends EventPayload ? C[K] : never };

/** The payload may be left out when the event carries nothing (or only optional fields). */
type PayloadField<T extends EventType> =
  Record<never, never> extends FlatPayloads<EventCatalogue>[T]
    ? { payload?: EventCatalogue[T] }
    : { payload: EventCatalogue[T] };

/** A fact to record in the outbox, typed by its catalogue entry. */
export type DomainEvent<T extends EventType = EventType> = {
  [K in T]: {
    type: K;
    aggregateType: string;
    aggregateId: string;
    /** For scheduled work: not delivered before this instant. */
    deliverAt?: Date;
  } & PayloadField<K>;
}[T];

/** What a relayed event job carries: the event's identity and ids, never state. */
export type EventJob<T extends EventType = EventType> = {
  [K in T]: {
    eventId: string;
    type: K;
    aggregateId: string;
    payload: EventCatalogue[K];
  };
}[T];

/** The data of a job of the catalogue. */
export type JobData<N extends JobName> = JobCatalogue[N];

/** Which queues receive each event (`[]`: recorded for the record, consumed by nobody). */
export type EventRoutes = { readonly [T in EventType]: readonly QueueName[] };

/** Which queue carries each job. */
export type JobQueues = { readonly [N in JobName]: QueueName };

/** The BullMQ job a handler runs in, for its attempt count and audit context. */
export type HandledJob = Pick<Job, 'id' | 'name' | 'attemptsMade' | 'opts'>;
