import { Logger } from '@nestjs/common';
import { Client } from 'pg';

/** The channel the outbox_events trigger notifies on commit (migration NotifyOutboxEvents). */
export const OUTBOX_CHANNEL = 'outbox_events';

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;

export interface OutboxListenerOptions {
  /** The DataSource's connection (the application role's). */
  url: string;
  /** Shown in pg_stat_activity, so the listening backend can be told apart from the pool's. */
  applicationName: string;
  /** Called on each notification, and after each (re)connection for what committed meanwhile. */
  onNotification: () => void;
}

/**
 * One connection of its own, outside the TypeORM pool, that LISTENs for committed outbox
 * events. A notification is only a hint: when the connection drops it reconnects with backoff
 * and the relay's polling covers the gap, so losing it never stops the worker.
 */
export class OutboxListener {
  private readonly logger = new Logger(OutboxListener.name);
  private client: Client | null = null;
  private retry: NodeJS.Timeout | null = null;
  private attempts = 0;
  private closed = false;

  constructor(private readonly options: OutboxListenerOptions) {}

  start(): void {
    void this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    this.retry = null;
    if (this.closed) return;
    const client = new Client({
      connectionString: this.options.url,
      application_name: this.options.applicationName,
      connectionTimeoutMillis: 15_000,
      // Notices a silently dead connection (a network partition) instead of waiting on it forever.
      keepAlive: true,
    });
    this.client = client;
    client.on('notification', () => this.options.onNotification());
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, null));
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (error) {
      this.lost(client, error);
      return;
    }
    if (this.client !== client) return; // closed, or lost, while connecting
    if (this.attempts > 0)
      this.logger.log('outbox listener reconnected; relay wakes on commit again');
    this.attempts = 0;
    this.options.onNotification();
  }

  private lost(client: Client, error: unknown): void {
    if (this.client !== client) return; // already handled, or closed on purpose
    this.client = null;
    void client.end().catch(() => undefined);
    if (this.closed) return;
    this.attempts++;
    if (this.attempts === 1) {
      this.logger.warn(
        { err: error },
        'outbox listener disconnected; relay polls while it reconnects',
      );
    }
    const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (this.attempts - 1));
    this.retry = setTimeout(() => void this.connect(), delay);
  }
}
