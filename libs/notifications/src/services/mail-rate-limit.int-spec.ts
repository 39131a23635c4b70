import { randomUUID } from 'node:crypto';
import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext, Module } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import { QueueModule, QueueName, redisConnectionOptions } from '@mutualis/core';
import { createTestContext } from '@mutualis/testing';
import { NotificationsModule } from '../notifications.module';
import { MailRateLimit } from './mail-rate-limit';

/**
 * 16,600 invitations must not reach the SMTP server at once: the notifications queue runs at
 * most MAIL_RATE_PER_SECOND jobs a second over all workers. Checked in seconds, not minutes:
 * the limit is set from the config, and a limited queue does spread its jobs over time.
 */
/** As the worker provides it (WorkerModule). */
@Module({
  imports: [NotificationsModule, BullModule.registerQueue({ name: QueueName.Notifications })],
  providers: [MailRateLimit],
})
class RateLimitedNotifications {}

describe('the rate of e-mail', () => {
  const prefix = `mail-rate-${randomUUID().slice(0, 8)}`;
  let context: INestApplicationContext;

  beforeAll(async () => {
    context = await createTestContext([QueueModule, RateLimitedNotifications], {
      MAIL_RATE_PER_SECOND: '5',
      REDIS_PREFIX: prefix,
    });
  });

  afterAll(async () => {
    await context?.close();
  });

  it('limits the notifications queue to MAIL_RATE_PER_SECOND jobs a second, over every worker', async () => {
    const queue = context.get<Queue>(getQueueToken(QueueName.Notifications));
    // Set at start (onApplicationBootstrap); kept in Redis, so every worker replica obeys it.
    expect(await queue.getGlobalRateLimit()).toEqual({ max: 5, duration: 1000 });
    await context.get(MailRateLimit).apply();
    expect(await queue.getGlobalRateLimit()).toEqual({ max: 5, duration: 1000 });
  });

  it('spreads a burst of jobs over time instead of running them at once', async () => {
    const connection = redisConnectionOptions(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const name = `burst-${randomUUID()}`;
    const queue = new Queue(name, { connection, prefix: `${prefix}:probe` });
    await queue.setGlobalRateLimit(5, 1000);
    const ran: number[] = [];
    const worker = new Worker(
      name,
      async () => {
        ran.push(Date.now());
      },
      // Ten at a time if it could: only the limit holds them back.
      { connection, prefix: `${prefix}:probe`, concurrency: 10 },
    );
    try {
      await queue.addBulk(
        Array.from({ length: 12 }, (_, index) => ({ name: 'mail', data: { index } })),
      );
      const deadline = Date.now() + 25_000;
      while (ran.length < 12 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(ran).toHaveLength(12);
      // 12 jobs at 5 a second: three windows, so about two seconds between first and last
      // (unlimited, ten would run at once). A margin for when the processor notes a job late.
      expect(ran[11] - ran[0]).toBeGreaterThanOrEqual(1_500);
    } finally {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
    }
  }, 30_000);
});
