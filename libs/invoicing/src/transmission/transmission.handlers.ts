import { Injectable } from '@nestjs/common';
import { EventJob, JobData, OnEvent, OnJob, QueueName } from '@mutualis/core';
import { InvoicingEvents, InvoicingJobs } from '../invoicing.events';
import { AdvanceTransmissionUseCase } from './use-cases/advance-transmission/advance-transmission.use-case';
import { RecordCollectionUseCase } from './use-cases/record-collection/record-collection.use-case';
import { ResumeTransmissionsUseCase } from './use-cases/resume-transmissions/resume-transmissions.use-case';

const RESUME_SWEEP_MS = 5 * 60_000;

/**
 * The transmission port's work on the invoicing queue (a document's transmission is opened by
 * the issuing transaction, InvoiceIssuer): each step runs as a delayed job, a settled invoice is recorded as collected, and
 * a sweep resumes what a lost job left behind. Each is idempotent (locked rows, step numbers,
 * unique lifecycle keys), so redeliveries change nothing.
 */
@Injectable()
export class TransmissionHandlers {
  constructor(
    private readonly advance: AdvanceTransmissionUseCase,
    private readonly collection: RecordCollectionUseCase,
    private readonly resume: ResumeTransmissionsUseCase,
  ) {}

  @OnEvent(InvoicingEvents.PaymentRecorded, QueueName.Invoicing)
  async paymentRecorded(event: EventJob<typeof InvoicingEvents.PaymentRecorded>) {
    return {
      outcome: await this.collection.execute(event.aggregateId, {
        paymentId: event.payload.paymentId,
        status: event.payload.status,
      }),
    };
  }

  @OnJob(InvoicingJobs.AdvanceTransmission, QueueName.Invoicing)
  async advanceTransmission(data: JobData<typeof InvoicingJobs.AdvanceTransmission>) {
    return { outcome: await this.advance.execute(data.invoiceId, data.step) };
  }

  @OnJob(InvoicingJobs.ResumeTransmissions, QueueName.Invoicing, {
    schedule: { every: RESUME_SWEEP_MS },
  })
  async resumeTransmissions() {
    return { resumed: await this.resume.execute() };
  }
}
