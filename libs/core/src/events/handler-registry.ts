import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { RepeatOptions } from 'bullmq';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '../config/environment';
import type { QueueName } from '../queue/queue-names';
import type { EventRoutes, HandledJob, JobQueues } from './catalogue';
import {
  EVENT_HANDLER,
  EventHandlerMetadata,
  JOB_HANDLER,
  JobHandlerMetadata,
} from './handler.decorators';

/** The composition root's route table, given to the relay and the registry. */
export const EVENT_ROUTES_TOKEN = Symbol('EVENT_ROUTES');
/** The composition root's table of which queue carries each job. */
export const JOB_QUEUES_TOKEN = Symbol('JOB_QUEUES');

/** The worker's handlers do not match its routes: it must not start. */
export class HandlerCatalogueError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `the event and job handlers do not match the routes:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'HandlerCatalogueError';
  }
}

interface Found {
  owner: string;
  run: (data: unknown, job: HandledJob) => Promise<unknown>;
}

export interface ScheduledJob {
  queue: QueueName;
  name: string;
  repeat: RepeatOptions;
}

const key = (queue: string, name: string): string => `${queue}\u0000${name}`;

/**
 * Finds the methods marked @OnEvent and @OnJob on every provider, checks them against the
 * routes and the job table, and runs the one that matches a job. The check runs once the
 * providers exist (onModuleInit) and throws HandlerCatalogueError listing every problem: a
 * routed event without a handler on its queue or with two, a handler of an event not routed to
 * its queue, a job without a handler or with two, or handled on another queue than its own.
 */
@Injectable()
export class HandlerRegistry implements OnModuleInit {
  private readonly handlers = new Map<string, Found>();
  private readonly scheduled: ScheduledJob[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly config: ConfigService<Environment, true>,
    @Inject(EVENT_ROUTES_TOKEN) private readonly routes: EventRoutes,
    @Inject(JOB_QUEUES_TOKEN) private readonly jobQueues: JobQueues,
  ) {}

  onModuleInit(): void {
    const problems: string[] = [];
    const found = new Map<string, Found[]>();
    const add = (queue: string, name: string, handler: Found): void => {
      const at = key(queue, name);
      found.set(at, [...(found.get(at) ?? []), handler]);
    };
    const routes: Readonly<Record<string, readonly QueueName[]>> = this.routes;
    const jobQueues: Readonly<Record<string, QueueName>> = this.jobQueues;

    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object | null;
      if (!prototype) continue;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = (instance as Record<string, unknown>)[method];
        if (typeof fn !== 'function') continue;
        const owner = `${instance.constructor.name}.${method}`;
        const run = (fn as Found['run']).bind(instance);
        const onEvents = (Reflect.getMetadata(EVENT_HANDLER, fn) ?? []) as EventHandlerMetadata[];
        for (const onEvent of onEvents) {
          if (!routes[onEvent.type]?.includes(onEvent.queue))
            problems.push(
              `${owner} handles ${onEvent.type} on ${onEvent.queue}, where it is not routed`,
            );
          add(onEvent.queue, onEvent.type, { owner, run });
        }
        const onJob = Reflect.getMetadata(JOB_HANDLER, fn) as JobHandlerMetadata | undefined;
        if (onJob) {
          if (jobQueues[onJob.name] !== onJob.queue)
            problems.push(
              `${owner} handles the job ${onJob.name} on ${onJob.queue}, but it runs on ${jobQueues[onJob.name] ?? 'no queue'}`,
            );
          add(onJob.queue, onJob.name, { owner, run });
          if (onJob.schedule) {
            const repeat =
              typeof onJob.schedule === 'function' ? onJob.schedule(this.config) : onJob.schedule;
            this.scheduled.push({ queue: onJob.queue, name: onJob.name, repeat });
          }
        }
      }
    }

    const expected = [
      ...Object.entries(routes).flatMap(([type, queues]) =>
        queues.map((queue) => ({ queue, name: type, what: 'the event' })),
      ),
      ...Object.entries(jobQueues).map(([name, queue]) => ({ queue, name, what: 'the job' })),
    ];
    for (const { queue, name, what } of expected) {
      const handlers = found.get(key(queue, name)) ?? [];
      if (handlers.length === 0) problems.push(`${what} ${name} has no handler on ${queue}`);
      if (handlers.length > 1)
        problems.push(
          `${what} ${name} has ${handlers.length} handlers on ${queue}: ${handlers.map((h) => h.owner).join(', ')}`,
        );
      if (handlers.length === 1) this.handlers.set(key(queue, name), handlers[0]);
    }
    if (problems.length > 0) throw new HandlerCatalogueError(problems);
  }

  /** The repeatable jobs declared by the handlers, for the worker to upsert at start. */
  schedules(): readonly ScheduledJob[] {
    return this.scheduled;
  }

  /** Runs the handler of `job` on `queue`; a job nobody handles fails (and is retried). */
  async dispatch(queue: QueueName, job: HandledJob & { data: unknown }): Promise<unknown> {
    const handler = this.handlers.get(key(queue, job.name));
    if (!handler) throw new Error(`no handler for job ${job.name} on queue ${queue}`);
    return handler.run(job.data, job);
  }
}
