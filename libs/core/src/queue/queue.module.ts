import { BullModule } from '@nestjs/bullmq';
import type { DefaultJobOptions } from 'bullmq';
import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Environment } from '../config/environment';

export interface RedisConnection {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db: number;
  tls?: Record<string, never>;
}

/** Connection settings of a REDIS_URL, as BullMQ takes them. */
export function redisConnectionOptions(redisUrl: string): RedisConnection {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
  };
}

/**
 * Every job, whoever adds it (a processor, or the outbox relay's own producer queues): retried
 * with exponential backoff, and removed once done so that Redis does not grow with each event.
 */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 86_400, count: 10_000 },
  removeOnFail: { age: 7 * 86_400 },
} satisfies DefaultJobOptions;

/** BullMQ's shared connection settings; each queue is registered by the context that owns it. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => {
        return {
          prefix: `${config.get('REDIS_PREFIX', { infer: true })}:bull`,
          connection: redisConnectionOptions(config.get('REDIS_URL', { infer: true })),
          defaultJobOptions: DEFAULT_JOB_OPTIONS,
        };
      },
    }),
  ],
  exports: [BullModule],
})
export class QueueModule {}
