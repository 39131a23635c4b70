import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { EventJobData, jobLockOptions, QueueName } from '@mutualis/core';
import {
  ApplyStripeEventUseCase,
  RecordPayoutUseCase,
  RefundCancellationUseCase,
} from '@mutualis/payments';

/** Applies Stripe events and sends the refunds of cancellations; both idempotent, retried on failure. */
@Processor(QueueName.Payments, { concurrency: 4, ...jobLockOptions() })
export class PaymentsProcessor extends WorkerHost {
  private readonly logger = new Logger(PaymentsProcessor.name);

  constructor(
    private readonly applyStripeEvent: ApplyStripeEventUseCase,
    private readonly refundCancellation: RefundCancellationUseCase,
    private readonly recordPayout: RecordPayoutUseCase,
  ) {
    super();
  }

  async process(job: Job<EventJobData>): Promise<unknown> {
    switch (job.name) {
      case 'payments.stripe-event-received':
        return {
          outcome: await this.applyStripeEvent.execute(String(job.data.payload.stripeEventId)),
        };
      case 'payments.payout-paid':
        return this.recordPayout.execute(String(job.data.payload.payoutId));
      case 'booking.cancelled':
        return {
          outcome: await this.refundCancellation.execute(
            job.data.eventId,
            job.data.aggregateId,
            Number(job.data.payload.refundCents ?? 0),
          ),
        };
      default:
        this.logger.error({ jobId: job.id, name: job.name }, 'no handler for this job');
        throw new Error(`no handler for job ${job.name} on queue ${QueueName.Payments}`);
    }
  }
}
