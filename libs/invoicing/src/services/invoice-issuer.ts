import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, OutboxService, parisDate, parisYear } from '@mutualis/core';
import { invoiceSettlement, paymentTermsDays, SettlementAtIssue } from '../domain/settlement';
import { Invoice } from '../entities/invoice.entity';
import type { InvoiceSeries, InvoiceStatus } from '../invoicing.types';
import { InvoiceRepository } from '../repositories/invoice.repository';
import { InvoicingEvents } from '../invoicing.events';
import { InvoiceTransmissionRepository } from '../transmission/invoice-transmission.repository';
import { channelFor } from '../transmission/transmission-channel';

export { addDays } from '../domain/settlement';

/** `F-2026-000042`: series, year of issue in Paris, sequence on six digits. */
export function formatInvoiceNumber(series: InvoiceSeries, year: number, sequence: number): string {
  return `${series}-${year}-${String(sequence).padStart(6, '0')}`;
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

/** Decides a document's settlement from its issue date (a credit note's, from its invoice). */
export type Settle = (issueDate: string) => SettlementAtIssue;

/**
 * Gives a draft its number and issues it, in the caller's transaction. The series is locked
 * until that transaction ends: numbers are unique, in issue order, and without gaps (a
 * rolled-back issue gives its number back). The issue instant is read once the lock is held, and
 * both the number's year and the issue date come from it.
 */
@Injectable()
export class InvoiceIssuer {
  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly transmissions: InvoiceTransmissionRepository,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /** `settle` is required for a credit note; an invoice is settled from its draft by default. */
  async issueWithin(manager: EntityManager, draft: Invoice, settle?: Settle): Promise<Invoice> {
    const series: InvoiceSeries = draft.type === 'invoice' ? 'F' : 'AV';
    await this.invoices.lockSeries(draft.chambreId, series, manager);
    // Read under the lock, so that a document issued across midnight on 31 December is numbered
    // in the year of its date, after every document issued before it.
    const now = this.clock.now();
    const year = parisYear(now);
    // Never before the year's last number: a worker whose clock is a little behind another's
    // does not date a later number earlier.
    const last = await this.invoices.lastIssuedAt(draft.chambreId, series, year, manager);
    const at = last && last > now && parisYear(last) === year ? last : now;
    const sequence = await this.invoices.nextSequence(draft.chambreId, series, year, manager);
    const issueDate = parisDate(at);
    const settlement = (settle ?? ((date) => this.settleInvoice(draft, date)))(issueDate);
    const changes = {
      status: 'issued',
      series,
      year,
      sequence,
      number: formatInvoiceNumber(series, year, sequence),
      issueDate,
      ...settlement,
      issuedAt: at,
    } satisfies Partial<Invoice>;
    await this.invoices.update(draft.id, changes, manager);
    // The draft with what issuing set: the row's other columns did not change (only its
    // updated_at, which no caller of an issued invoice reads), so it is not read back.
    const issued: Invoice = { ...draft, ...changes };
    // How it reaches its buyer is decided with it. An e-mailed document is handed to the
    // notifications context, which sends it on `invoice.issued`; a platform's (Chorus Pro) is
    // sent once its Factur-X is stored (InvoicePdfService), or by the sweep of open ones.
    const channel = channelFor(issued.buyer);
    await this.transmissions.openIssued(
      {
        invoiceId: issued.id,
        channel,
        state: channel === 'email' ? 'delegated' : 'pending',
        issuedAt: at,
        nextAttemptAt: channel === 'email' ? null : at,
      },
      manager,
    );
    await this.outbox.record(manager, {
      type:
        draft.type === 'invoice' ? InvoicingEvents.InvoiceIssued : InvoicingEvents.CreditNoteIssued,
      aggregateType: 'invoice',
      aggregateId: issued.id,
      payload: {
        number: issued.number,
        organisationId: issued.organisationId,
        bookingId: issued.bookingId,
        membershipId: issued.membershipId,
        correctsInvoiceId: issued.correctsInvoiceId,
        totalInclVatCents: issued.totalInclVatCents,
      },
    });
    return issued;
  }

  private settleInvoice(draft: Invoice, issueDate: string): SettlementAtIssue {
    if (draft.type !== 'invoice') throw new Error('a credit note is settled by CreditNoteIssuer');
    return invoiceSettlement({
      totalInclVatCents: draft.totalInclVatCents,
      paymentMeans: draft.paymentMeans,
      prepaid:
        draft.prepaidAmountCents > 0 && draft.paidOn
          ? { amountCents: draft.prepaidAmountCents, paidOn: draft.paidOn }
          : null,
      issueDate,
      termsDays: paymentTermsDays(draft.seller.paymentTermsDays, draft.buyer.publicBody === true),
    });
  }
}
