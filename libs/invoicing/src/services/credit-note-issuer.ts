import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditLog } from '@mutualis/core';
import { creditNoteSettlement, outstandingCents } from '../domain/settlement';
import { Invoice } from '../entities/invoice.entity';
import { InvoiceRepository } from '../repositories/invoice.repository';
import { InvoiceIssuer, settledStatus } from './invoice-issuer';

export type CreditOutcome = 'issued' | 'already_issued' | 'nothing_to_credit';

/** A cancellation whose refund went back through Stripe to the card or account that paid. */
export interface AutomaticRefund {
  /** The day it was ordered (the cancellation's, in Paris). */
  orderedOn: string;
}

/**
 * Issues a drafted credit note (avoir, type 381) against the invoice it corrects, in the
 * caller's transaction: numbers it, says how it is settled (set off against what the invoice
 * still asks, the rest refunded), lowers what is due on the original (an invoice credited in
 * full is cancelled) and records both amounts in the audit log. The original is never touched
 * otherwise. Both ways a credit note comes (a cancelled booking's refund, finance's request)
 * end here.
 */
@Injectable()
export class CreditNoteIssuer {
  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly issuer: InvoiceIssuer,
    private readonly audit: AuditLog,
  ) {}

  /** `original` is locked by the caller; `refund` is set when Stripe pays the refund back. */
  async issueWithin(
    manager: EntityManager,
    original: Invoice,
    draft: Invoice,
    options: { eventId?: string | null; refund?: AutomaticRefund | null } = {},
  ): Promise<Invoice> {
    const eventId = options.eventId ?? null;
    const issued = await this.issuer.issueWithin(manager, draft, (issueDate) =>
      creditNoteSettlement({
        totalInclVatCents: draft.totalInclVatCents,
        outstandingOnInvoiceCents: outstandingCents(original),
        invoiceMeans: original.paymentMeans,
        automaticRefundOn: options.refund?.orderedOn ?? null,
        issueDate,
        // The Chambre pays a refund back within the term it gives its buyers.
        termsDays: original.seller.paymentTermsDays,
      }),
    );
    await this.credit(manager, original, issued.totalInclVatCents);
    await this.recordIssued(manager, original, issued, eventId);
    return issued;
  }

  /** On the invoice it corrects: what was credited before, and the credit note that adds to it. */
  private recordIssued(
    manager: EntityManager,
    original: Invoice,
    creditNote: Invoice,
    eventId: string | null,
  ): Promise<void> {
    return this.audit.record(manager, {
      action: 'credit_note.issued',
      entityType: 'invoice',
      entityId: original.id,
      before: { amountCreditedCents: original.amountCreditedCents },
      after: {
        amountCreditedCents: original.amountCreditedCents + creditNote.totalInclVatCents,
        creditNoteId: creditNote.id,
        creditNoteNumber: creditNote.number,
        totalInclVatCents: creditNote.totalInclVatCents,
      },
      reason: creditNote.reason,
      context: eventId ? { eventId } : {},
    });
  }

  private async credit(
    manager: EntityManager,
    original: Invoice,
    amountCents: number,
  ): Promise<void> {
    const amountCreditedCents = original.amountCreditedCents + amountCents;
    await this.invoices.update(
      original.id,
      { amountCreditedCents, status: settledStatus({ ...original, amountCreditedCents }) },
      manager,
    );
  }
}
