import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import { Environment } from '../config/environment';
import type { EventRoutes } from '../events/catalogue';
import { EVENT_ROUTES_TOKEN } from '../events/handler-registry';
import { QueueName } from '../queue/queue-names';
import { DEFAULT_JOB_OPTIONS, redisConnectionOptions } from '../queue/queue.module';
import type { EventPayload } from './outbox-event.entity';
import { OutboxListener } from './outbox-listener';

interface PendingEvent {
  id: string;
  type: string;
  aggregate_id: string;
  payload: EventPayload;
  deliver_at: Date | null;
}

/** A relayed job's data (EventJob, as stored: the relay reads rows of any age and type). */
export interface RelayedEventData {
  eventId: string;
  type: string;
  aggregateId: string;
  payload: EventPayload;
}

const BATCH_SIZE = 200;
const MAX_BACKOFF_MS = 5_000;
/**
 * Least time between the starts of two batches that are not full. Woken on every commit, the
 * relay would otherwise spend a batch (four statements and a Redis round trip) on each event of
 * a steady trickle; commits this close together share one, for a few milliseconds of lag.
 */
const COALESCE_MS = 20;

/**
 * Moves committed outbox events to their BullMQ queues (the routes the worker provides under
 * EVENT_ROUTES_TOKEN), oldest first, one job per queue named after the event's type. Rows are claimed with
 * FOR UPDATE SKIP LOCKED, so several workers relay side by side; an event is marked published
 * only after every queue accepted it, in the same transaction that claimed it. When Redis is
 * down nothing is marked: events wait in PostgreSQL and go out once Redis answers again.
 * A commit wakes it through LISTEN/NOTIFY (OutboxListener); polling every OUTBOX_POLL_MS stays
 * the fallback for a lost notification or listener connection.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly queues = new Map<QueueName, Queue>();
  private running = false;
  private loop: Promise<void> | null = null;
  /** Ends the current pause early; set only while the loop sleeps. */
  private interrupt: (() => void) | null = null;
  /** An event committed since the current batch began: run another before sleeping. */
  private pending = false;
  private failures = 0;
  private listener: OutboxListener | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<Environment, true>,
    /** The worker's route table (apps/worker), typed exhaustively over the event catalogue. */
    @Inject(EVENT_ROUTES_TOKEN) private readonly routes: EventRoutes,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.listener = new OutboxListener({
      // The pool's own server, database and role (the application role, never the owner).
      url: (this.dataSource.options as PostgresDataSourceOptions).url!,
      // The role first: PostgreSQL cuts application_name at 63 bytes.
      applicationName: `outbox-listener:${process.title}`,
      onNotification: () => this.wake(),
    });
    this.listener.start();
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    await this.listener?.close();
    this.interrupt?.();
    await this.loop;
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }

  /** Publishes one batch; returns how many events it published. Exposed for tests and benches. */
  async publishBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const events = await manager.query<PendingEvent[]>(
        `SELECT id, type, aggregate_id, payload, deliver_at FROM outbox_events
          WHERE published_at IS NULL
          ORDER BY occurred_at, id
          LIMIT $1
          FOR UPDATE SKIP LOCKED`,
        [BATCH_SIZE],
      );
      if (events.length === 0) return 0;
      const byQueue = new Map<QueueName, PendingEvent[]>();
      // A type the table does not know (an old row of a retired event) is marked published.
      const routes: Readonly<Record<string, readonly QueueName[] | undefined>> = this.routes;
      for (const event of events) {
        for (const name of routes[event.type] ?? [])
          byQueue.set(name, [...(byQueue.get(name) ?? []), event]);
      }
      const now = Date.now();
      for (const [name, routed] of byQueue) {
        await this.queue(name).addBulk(
          routed.map((event) => ({
            name: event.type,
            data: {
              eventId: event.id,
              type: event.type,
              aggregateId: event.aggregate_id,
              payload: event.payload,
            } satisfies RelayedEventData,
            opts: {
              jobId: event.id,
              delay: event.deliver_at ? Math.max(0, event.deliver_at.getTime() - now) : undefined,
            },
          })),
        );
      }
      await manager.query(
        `UPDATE outbox_events SET published_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1)`,
        [events.map((event) => event.id)],
      );
      return events.length;
    });
  }

  /**
   * Runs a batch as soon as the loop is free. While Redis fails the backoff still holds, or a
   * steady stream of commits would turn it into a busy retry loop.
   */
  private wake(): void {
    this.pending = true;
    if (this.failures === 0) this.interrupt?.();
  }

  private async run(): Promise<void> {
    const idleMs = this.config.get('OUTBOX_POLL_MS', { infer: true });
    let published = 0;
    let batchStartedAt = 0;
    while (this.running) {
      const wait = batchStartedAt + COALESCE_MS - Date.now();
      if (published < BATCH_SIZE && wait > 0)
        await new Promise((resolve) => setTimeout(resolve, wait));
      batchStartedAt = Date.now();
      // Cleared before the batch's snapshot: a commit notified from here on gets a batch of its own.
      this.pending = false;
      published = 0;
      try {
        published = await this.publishBatch();
        if (this.failures > 0) this.logger.log('outbox relay recovered; publishing again');
        this.failures = 0;
      } catch (error) {
        this.failures++;
        if (this.failures === 1 || this.failures % 20 === 0) {
          this.logger.warn(
            { err: error, failures: this.failures },
            'outbox relay cannot publish; will retry',
          );
        }
      }
      if (!this.running) break;
      if (this.failures === 0 && (published === BATCH_SIZE || this.pending)) continue;
      const pause =
        this.failures > 0 ? Math.min(MAX_BACKOFF_MS, idleMs * 2 ** this.failures) : idleMs;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pause);
        this.interrupt = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.interrupt = null;
    }
  }

  /**
   * Producer queues fail fast when Redis is down (no offline queue), so a batch rolls back at
   * once. Built outside Nest's BullModule, they take its job defaults explicitly: without them a
   * relayed job had one attempt and stayed in Redis forever.
   */
  private queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: {
          ...redisConnectionOptions(this.config.get('REDIS_URL', { infer: true })),
          enableOfflineQueue: false,
        },
        prefix: `${this.config.get('REDIS_PREFIX', { infer: true })}:bull`,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      });
      queue.on('error', () => undefined); // connection errors surface through addBulk and are retried
      this.queues.set(name, queue);
    }
    return queue;
  }
}
