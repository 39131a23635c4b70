import Redis from 'ioredis';
import { dropDatabase } from '../../libs/core/src/database/ensure-database';
import { RUN_FILE_ENV, TestRun } from './test-environment';

/** Drops the run's database and deletes its Redis keys, so runs leave nothing behind. */
export default async function globalTeardown(): Promise<void> {
  const raw = process.env[RUN_FILE_ENV];
  if (!raw) return;
  const run = JSON.parse(raw) as TestRun;
  if (process.env.KEEP_TEST_DATABASE !== '1') await dropDatabase(run.databaseUrl);
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${run.redisPrefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
