import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import {
  EventJobData,
  jobAuditContext,
  jobLockOptions,
  JOBS,
  QueueName,
  runWithAuditContext,
} from '@mutualis/core';
import {
  InvoicePdfService,
  InvoiceRepository,
  IssueBookingInvoiceUseCase,
  IssueCreditNoteUseCase,
  RecordInvoicePaymentUseCase,
} from '@mutualis/invoicing';

const RENDER_SWEEP_MS = 5 * 60_000;

/**
 * Issues invoices and credit notes from booking events, never in a request. Every handler is
 * idempotent (one invoice per booking, one credit note per event), so retries and redeliveries
 * are harmless; failures are retried with exponential backoff (the queue's defaults).
 */
@Processor(QueueName.Invoicing, { concurrency: 2, ...jobLockOptions() })
export class InvoicingProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(InvoicingProcessor.name);

  constructor(
    @InjectQueue(QueueName.Invoicing) private readonly queue: Queue,
    private readonly issueInvoice: IssueBookingInvoiceUseCase,
    private readonly creditNotes: IssueCreditNoteUseCase,
    private readonly invoices: InvoiceRepository,
    private readonly pdf: InvoicePdfService,
    private readonly recordPayment: RecordInvoicePaymentUseCase,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      JOBS.renderMissingInvoicePdfs.name,
      { every: RENDER_SWEEP_MS },
      { name: JOBS.renderMissingInvoicePdfs.name, data: {} },
    );
  }

  /** Credit notes issued here are audited as the worker's, with the job for request id. */
  process(job: Job<EventJobData>): Promise<unknown> {
    return runWithAuditContext(jobAuditContext(job), () => this.handle(job));
  }

  private async handle(job: Job<EventJobData>): Promise<unknown> {
    switch (job.name) {
      case 'booking.confirmed':
        return { outcome: await this.issueInvoice.execute(job.data.aggregateId) };
      case 'booking.cancelled': {
        const { previousStatus, refundPercent } = job.data.payload;
        if (previousStatus !== 'confirmed') return { outcome: 'never_invoiced' };
        const outcome = await this.creditNotes.forCancellation(
          job.data.eventId,
          job.data.aggregateId,
          Number(refundPercent),
        );
        return { outcome };
      }
      case 'payment.succeeded':
        return {
          outcome: await this.recordPayment.execute({
            source: `payment.succeeded:${job.data.eventId}`,
            bookingId: String(job.data.payload.bookingId),
            amountCents: Number(job.data.payload.amountCents),
            method: job.data.payload.method === 'sepa_debit' ? 'sepa_debit' : 'card',
          }),
        };
      case 'invoicing.credit-note-requested':
        return { outcome: await this.creditNotes.issueDraft(job.data.aggregateId) };
      case JOBS.renderMissingInvoicePdfs.name: {
        const missing = await this.invoices.withoutPdf(200);
        for (const id of missing) await this.pdf.ensure(id);
        return { rendered: missing.length };
      }
      default:
        this.logger.error({ jobId: job.id, name: job.name }, 'no handler for this job');
        throw new Error(`no handler for job ${job.name} on queue ${QueueName.Invoicing}`);
    }
  }
}
