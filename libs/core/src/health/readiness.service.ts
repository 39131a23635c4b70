import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { REDIS_CLIENT } from '../redis/redis.module';

export type DependencyState = 'up' | 'down';

export interface Readiness {
  ready: boolean;
  checks: { database: DependencyState; redis: DependencyState };
}

const CHECK_TIMEOUT_MS = 2_000;

function within<T>(promise: Promise<T>, milliseconds: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('timed out')), milliseconds).unref(),
    ),
  ]);
}

/** Whether the dependencies an app cannot work without answer right now. */
@Injectable()
export class ReadinessService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
  ) {}

  async check(): Promise<Readiness> {
    const [database, redis] = await Promise.all([
      this.probe(() => this.dataSource.query('SELECT 1')),
      this.probe(() => this.redis.ping()),
    ]);
    return { ready: database === 'up' && redis === 'up', checks: { database, redis } };
  }

  private async probe(call: () => Promise<unknown>): Promise<DependencyState> {
    try {
      await within(call(), CHECK_TIMEOUT_MS);
      return 'up';
    } catch {
      return 'down';
    }
  }
}
