import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Queue } from 'bullmq';
import { Environment, QueueName } from '@mutualis/core';

/**
 * Spreads e-mail over time so that a bulk send (an import's 16,600 invitations, a campaign's
 * invoices) never hits the SMTP server at once: MAIL_RATE_PER_SECOND jobs of the notifications
 * queue per second.
 *
 * Why BullMQ's global rate limit rather than delays computed when a job is queued: the limit is
 * kept in Redis and applies to every worker replica together (delays computed by each producer
 * would add up across replicas, and be wrong after an outage); jobs simply wait in the queue,
 * in order, and a mail queued after the bulk is not pushed back by a precomputed schedule. It
 * is set on the queue (not a Worker option) so the value comes from the validated config at
 * start; only the worker sets it (WorkerModule), so an api started with another environment
 * cannot change it, and every worker replica sets the same value (idempotent).
 */
@Injectable()
export class MailRateLimit implements OnApplicationBootstrap {
  private readonly logger = new Logger(MailRateLimit.name);

  constructor(
    @InjectQueue(QueueName.Notifications) private readonly queue: Queue,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.apply();
  }

  async apply(): Promise<void> {
    const perSecond = this.config.get('MAIL_RATE_PER_SECOND', { infer: true });
    if (perSecond > 0) {
      await this.queue.setGlobalRateLimit(perSecond, 1000);
    } else {
      await this.queue.removeGlobalRateLimit();
    }
    this.logger.log({ perSecond }, 'notifications queue rate limit set');
  }
}
