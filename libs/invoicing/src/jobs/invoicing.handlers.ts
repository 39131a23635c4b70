import { Injectable } from '@nestjs/common';
import { BookingEvents } from '@mutualis/booking';
import {
  EventJob,
  HandledJob,
  jobAuditContext,
  OnEvent,
  OnJob,
  QueueName,
  runWithAuditContext,
} from '@mutualis/core';
import { InvoicingEvents, InvoicingJobs } from '../invoicing.events';
import { InvoiceRepository } from '../repositories/invoice.repository';
import { InvoicePdfService } from '../services/invoice-pdf.service';
import { IssueBookingInvoiceUseCase } from '../use-cases/issue-booking-invoice/issue-booking-invoice.use-case';
import { IssueCancellationCreditNoteUseCase } from '../use-cases/issue-cancellation-credit-note/issue-cancellation-credit-note.use-case';
import { IssueRequestedCreditNoteUseCase } from '../use-cases/issue-requested-credit-note/issue-requested-credit-note.use-case';

const RENDER_SWEEP_MS = 5 * 60_000;

/**
 * Issues invoices and credit notes from booking events, never in a request. Every handler is
 * idempotent (one invoice per booking, one credit note per event), so retries and redeliveries
 * are harmless; failures are retried with exponential backoff (the queue's defaults). What they
 * audit is the worker's, with the job for request id.
 */
@Injectable()
export class InvoicingHandlers {
  constructor(
    private readonly issueInvoice: IssueBookingInvoiceUseCase,
    private readonly cancellationCreditNote: IssueCancellationCreditNoteUseCase,
    private readonly requestedCreditNote: IssueRequestedCreditNoteUseCase,
    private readonly invoices: InvoiceRepository,
    private readonly pdf: InvoicePdfService,
  ) {}

  @OnEvent(BookingEvents.Confirmed, QueueName.Invoicing)
  bookingConfirmed(event: EventJob<typeof BookingEvents.Confirmed>, job: HandledJob) {
    return runWithAuditContext(jobAuditContext(job), async () => ({
      outcome: await this.issueInvoice.execute(event.aggregateId),
    }));
  }

  @OnEvent(BookingEvents.Cancelled, QueueName.Invoicing)
  bookingCancelled(event: EventJob<typeof BookingEvents.Cancelled>, job: HandledJob) {
    return runWithAuditContext(jobAuditContext(job), async () => {
      if (event.payload.previousStatus !== 'confirmed') return { outcome: 'never_invoiced' };
      const outcome = await this.cancellationCreditNote.execute(
        event.eventId,
        event.aggregateId,
        event.payload.refundPercent,
      );
      return { outcome };
    });
  }

  @OnEvent(InvoicingEvents.CreditNoteRequested, QueueName.Invoicing)
  creditNoteRequested(
    event: EventJob<typeof InvoicingEvents.CreditNoteRequested>,
    job: HandledJob,
  ) {
    return runWithAuditContext(jobAuditContext(job), async () => ({
      outcome: await this.requestedCreditNote.execute(event.aggregateId),
    }));
  }

  @OnJob(InvoicingJobs.RenderMissingPdfs, QueueName.Invoicing, {
    schedule: { every: RENDER_SWEEP_MS },
  })
  renderMissingPdfs(_data: unknown, job: HandledJob) {
    return runWithAuditContext(jobAuditContext(job), async () => {
      const missing = await this.invoices.withoutPdf(200);
      for (const id of missing) await this.pdf.ensure(id);
      return { rendered: missing.length };
    });
  }
}
