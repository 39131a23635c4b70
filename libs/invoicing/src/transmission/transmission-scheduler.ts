import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Queue } from 'bullmq';
import { Environment, QueueName } from '@mutualis/core';
import { AdvanceTransmissionJob, InvoicingJobs } from '../invoicing.events';

/** How long to wait before the next step, by what the last one found. */
export interface TransmissionDelays {
  /** The n-th question (0-based) to a platform that has not finished: doubling, capped. */
  poll(n: number): number;
  /** After the n-th failure in a row (1-based): doubling from the retry delay, capped. */
  retry(n: number): number;
}

export function transmissionDelays(settings: {
  pollInitialMs: number;
  pollMaxMs: number;
  retryInitialMs: number;
}): TransmissionDelays {
  const doubling = (initial: number, n: number): number =>
    Math.min(settings.pollMaxMs, initial * 2 ** Math.min(Math.max(0, n), 30));
  return {
    poll: (n) => doubling(settings.pollInitialMs, n),
    retry: (n) => doubling(settings.retryInitialMs, n - 1),
  };
}

/**
 * Each step of a transmission is a delayed job on the invoicing queue, with a fixed id per
 * invoice and step: scheduling a step twice adds one job, and a job for a step already taken
 * finds the transmission moved on and does nothing.
 */
@Injectable()
export class TransmissionScheduler {
  readonly delays: TransmissionDelays;

  constructor(
    @InjectQueue(QueueName.Invoicing) private readonly queue: Queue,
    config: ConfigService<Environment, true>,
  ) {
    this.delays = transmissionDelays({
      pollInitialMs: config.get('CHORUS_PRO_POLL_INITIAL_MS', { infer: true }),
      pollMaxMs: config.get('CHORUS_PRO_POLL_MAX_MS', { infer: true }),
      retryInitialMs: config.get('CHORUS_PRO_RETRY_INITIAL_MS', { infer: true }),
    });
  }

  static jobId(invoiceId: string, step: number): string {
    return `transmission-${invoiceId}-${step}`;
  }

  async schedule(invoiceId: string, step: number, delayMs: number): Promise<void> {
    const data: AdvanceTransmissionJob = { invoiceId, step };
    await this.queue.add(InvoicingJobs.AdvanceTransmission, data, {
      jobId: TransmissionScheduler.jobId(invoiceId, step),
      delay: Math.max(0, delayMs),
    });
  }
}
