import { randomBytes } from 'node:crypto';

/** Where a test run keeps its own database name and Redis prefix, shared with the Jest workers. */
export const RUN_FILE_ENV = 'MUTUALIS_TEST_RUN';

export interface TestRun {
  databaseUrl: string;
  redisPrefix: string;
}

export function newTestRun(): TestRun {
  const base = new URL(
    process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  );
  const id = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  base.pathname = `/mutualis_test_${id}`;
  return { databaseUrl: base.toString(), redisPrefix: `mutualis-test-${id}` };
}

/** Settings every test process uses: quiet logs, the run's database, generous registration and hold limits. */
export function testEnvironment(run: TestRun): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: run.databaseUrl,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: run.redisPrefix,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_POOL_SIZE: '4',
    RATE_LIMIT_REGISTER_MAX: '100000',
    // Every test logs in from 127.0.0.1; the files about these limits set their own.
    RATE_LIMIT_LOGIN_ADDRESS_MAX: '100000',
    RATE_LIMIT_LOGIN_ADDRESS_CONCURRENCY: '1000',
    PASSWORD_HASH_QUEUE_MAX: '10000',
    INVITATION_QUOTA_PER_ORGANISATION: '100000',
    INVITATION_QUOTA_PER_USER: '100000',
    // Specs book far more than the squatting cap with one member; the cap has its own spec
    // (test/booking/unpaid-places.e2e-spec.ts), which sets the limits it checks.
    BOOKING_UNPAID_PLACES_PER_ORGANISATION: '100000',
    BOOKING_UNPAID_PLACES_PER_USER: '100000',
    JWT_ACCESS_SECRET: 'test-secret-that-is-long-enough-0123456789abcdef',
    // No pacing of e-mail: a simulated year sends thousands; the limit has its own spec
    // (libs/notifications/src/services/mail-rate-limit.int-spec.ts), which sets it.
    MAIL_RATE_PER_SECOND: '0',
  };
}
