import type { RepeatOptions } from 'bullmq';
import type { ConfigService } from '@nestjs/config';
import type { Environment } from '../config/environment';
import type { QueueName } from '../queue/queue-names';
import type { EventJob, EventType, HandledJob, JobData, JobName } from './catalogue';

export const EVENT_HANDLER = Symbol('mutualis:event-handler');
export const JOB_HANDLER = Symbol('mutualis:job-handler');

/** When a repeatable job runs: fixed, or read from the validated environment at start-up. */
export type JobSchedule =
  RepeatOptions | ((config: ConfigService<Environment, true>) => RepeatOptions);

export interface EventHandlerMetadata {
  type: EventType;
  queue: QueueName;
}

export interface JobHandlerMetadata {
  name: JobName;
  queue: QueueName;
  /** A repeatable job: the worker upserts its BullMQ job scheduler at start. */
  schedule?: JobSchedule;
}

type Handler<A> = (data: A, job: HandledJob) => Promise<unknown>;

/**
 * Marks the method that handles `type` on `queue`. The method receives the relayed event with
 * its payload typed by the catalogue (stack several to handle several events in one method). The worker refuses to start unless every routed
 * (event, queue) has exactly one such method.
 */
export function OnEvent<T extends EventType>(type: T, queue: QueueName) {
  return <M extends Handler<EventJob<T>>>(
    _target: object,
    _key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    // A method may handle several events (stacked decorators), each checked on its own.
    const earlier = (Reflect.getMetadata(EVENT_HANDLER, descriptor.value!) ??
      []) as EventHandlerMetadata[];
    Reflect.defineMetadata(EVENT_HANDLER, [...earlier, { type, queue }], descriptor.value!);
  };
}

/**
 * Marks the method that runs the job `name` on `queue`; with `schedule`, the job repeats
 * (one BullMQ job scheduler per name, upserted by every worker at start, which is idempotent).
 */
export function OnJob<N extends JobName>(
  name: N,
  queue: QueueName,
  options: { schedule?: JobSchedule } = {},
) {
  return <M extends Handler<JobData<N>>>(
    _target: object,
    _key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    const metadata: JobHandlerMetadata = { name, queue, schedule: options.schedule };
    Reflect.defineMetadata(JOB_HANDLER, metadata, descriptor.value!);
  };
}

/** @OnEvent for each of `types`, on one method that takes any of them. */
export function OnEvents<T extends EventType>(types: readonly T[], queue: QueueName) {
  return <M extends Handler<EventJob<T>>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    for (const type of types) OnEvent(type, queue)(target, key, descriptor);
  };
}
