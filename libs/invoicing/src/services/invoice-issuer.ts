import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxService, parisDate, parisYear } from '@mutualis/core';
import { Invoice } from '../entities/invoice.entity';
import type { InvoiceSeries, InvoiceStatus } from '../invoicing.types';
import { InvoiceRepository } from '../repositories/invoice.repository';
import { InvoicingEvents } from '../invoicing.events';

/** `F-2026-000042`: series, year of issue in Paris, sequence on six digits. */
export function formatInvoiceNumber(series: InvoiceSeries, year: number, sequence: number): string {
  return `${series}-${year}-${String(sequence).padStart(6, '0')}`;
}

export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Where an invoice stands once its payments and credit notes are counted. */
export function settledStatus(
  invoice: Pick<Invoice, 'totalInclVatCents' | 'amountPaidCents' | 'amountCreditedCents'>,
): InvoiceStatus {
  if (invoice.amountCreditedCents >= invoice.totalInclVatCents) return 'cancelled';
  if (invoice.amountPaidCents + invoice.amountCreditedCents >= invoice.totalInclVatCents)
    return 'paid';
  if (invoice.amountPaidCents > 0) return 'partially_paid';
  return 'issued';
}

/**
 * Gives a draft its number and issues it, in the caller's transaction. The counter row of the
 * series and year is locked until that transaction ends: numbers are unique, in issue order,
 * and without gaps (a rolled-back issue gives its number back).
 */
@Injectable()
export class InvoiceIssuer {
  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly outbox: OutboxService,
  ) {}

  async issueWithin(manager: EntityManager, draft: Invoice, now: Date): Promise<Invoice> {
    const series: InvoiceSeries = draft.type === 'invoice' ? 'F' : 'AV';
    const year = parisYear(now);
    const { sequence, at } = await this.invoices.nextSequence(
      draft.chambreId,
      series,
      year,
      manager,
    );
    const issueDate = parisDate(at);
    const changes = {
      status: 'issued',
      series,
      year,
      sequence,
      number: formatInvoiceNumber(series, year, sequence),
      issueDate,
      dueDate: draft.type === 'invoice' ? addDays(issueDate, draft.seller.paymentTermsDays) : null,
      issuedAt: at,
    } satisfies Partial<Invoice>;
    await this.invoices.update(draft.id, changes, manager);
    // The draft with what issuing set: the row's other columns did not change (only its
    // updated_at, which no caller of an issued invoice reads), so it is not read back.
    const issued: Invoice = { ...draft, ...changes };
    await this.outbox.record(manager, {
      type:
        draft.type === 'invoice' ? InvoicingEvents.InvoiceIssued : InvoicingEvents.CreditNoteIssued,
      aggregateType: 'invoice',
      aggregateId: issued.id,
      payload: {
        number: issued.number,
        organisationId: issued.organisationId,
        bookingId: issued.bookingId,
        correctsInvoiceId: issued.correctsInvoiceId,
        totalInclVatCents: issued.totalInclVatCents,
      },
    });
    return issued;
  }
}
