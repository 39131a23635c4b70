import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Redis from 'ioredis';
import { Environment } from '../config/environment';

export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

/** Opens an ioredis connection to REDIS_URL; BullMQ needs `maxRetriesPerRequest: null` on worker connections. */
export function createRedisClient(
  url: string,
  options: { forWorker?: boolean; name?: string } = {},
): Redis {
  return new Redis(url, {
    connectionName: options.name ?? 'mutualis',
    maxRetriesPerRequest: options.forWorker ? null : 3,
    enableOfflineQueue: options.forWorker ?? false,
    lazyConnect: false,
  });
}

@Injectable()
class RedisShutdown implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.redis.status !== 'end') await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** One shared Redis connection for rate limits and health checks; queues open their own. */
@Global()
@Module({
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) =>
        createRedisClient(config.get('REDIS_URL', { infer: true }), { name: process.title }),
    },
    RedisShutdown,
  ],
  exports: [REDIS_CLIENT],
})
export class RedisModule {}
