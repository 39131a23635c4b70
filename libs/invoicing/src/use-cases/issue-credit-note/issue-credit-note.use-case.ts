import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog, Clock } from '@mutualis/core';
import { computeInvoiceTotals, InvoiceLineInput } from '../../domain/invoice-totals';
import { Invoice } from '../../entities/invoice.entity';
import { InvoicingErrorCode, InvoicingException, invoiceNotFound } from '../../invoicing.exception';
import { InvoiceRepository } from '../../repositories/invoice.repository';
import { InvoiceIssuer, settledStatus } from '../../services/invoice-issuer';
import { InvoicePdfService } from '../../services/invoice-pdf.service';
import { creditLinesForPercent, creditNoteDraft } from './credit-lines';

export type CreditOutcome = 'issued' | 'already_issued' | 'nothing_to_credit';

/**
 * Issues credit notes (avoirs, type 381): for the refund of a cancelled booking, or a draft
 * finance asked for. Each references the invoice it corrects and lowers what is due on it;
 * an invoice credited in full is cancelled. The original is never touched otherwise.
 */
@Injectable()
export class IssueCreditNoteUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly invoices: InvoiceRepository,
    private readonly issuer: InvoiceIssuer,
    private readonly pdf: InvoicePdfService,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  /** The refund of a cancelled booking, once per cancellation event. */
  async forCancellation(
    eventId: string,
    bookingId: string,
    refundPercent: number,
  ): Promise<CreditOutcome> {
    if (refundPercent <= 0) return 'nothing_to_credit';
    const result = await this.dataSource.transaction(async (manager) => {
      if (await this.invoices.findBySourceEvent(eventId, manager))
        return { outcome: 'already_issued' as const };
      const original = await this.invoices.findForBookingForUpdate(bookingId, manager);
      if (!original || original.status === 'draft') {
        // Events may arrive out of order: the invoice of the confirmation is not issued yet.
        throw new Error(
          `booking ${bookingId} has no issued invoice yet; the credit note will be retried`,
        );
      }
      const lines = creditLinesForPercent(
        await this.invoices.linesOf([original.id], manager),
        refundPercent,
        `Annulation : remboursement de ${refundPercent} %`,
      );
      const id = await this.issueFor(manager, original, lines, {
        eventId,
        reason: `Annulation de la réservation (${refundPercent} % remboursés)`,
      });
      return id ? { outcome: 'issued' as const, id } : { outcome: 'nothing_to_credit' as const };
    });
    if (result.outcome === 'issued') await this.pdf.ensure(result.id);
    return result.outcome;
  }

  /** A credit note finance drafted through the api, issued by the worker. */
  async issueDraft(creditNoteId: string): Promise<CreditOutcome> {
    const issuedId = await this.dataSource.transaction(async (manager) => {
      const draft = await this.invoices.findByIdForUpdate(creditNoteId, manager);
      if (!draft) throw invoiceNotFound();
      if (draft.status !== 'draft') return null;
      const original = await this.invoices.findByIdForUpdate(draft.correctsInvoiceId!, manager);
      if (!original) throw invoiceNotFound();
      const remaining = original.totalInclVatCents - original.amountCreditedCents;
      if (draft.totalInclVatCents > remaining) {
        throw new InvoicingException(
          InvoicingErrorCode.CreditExceedsInvoice,
          `credit note ${creditNoteId} exceeds what is left to credit on ${original.number}`,
        );
      }
      const issued = await this.issuer.issueWithin(manager, draft, this.clock.now());
      await this.credit(manager, original, issued.totalInclVatCents);
      await this.recordIssued(manager, original, issued);
      return issued.id;
    });
    if (!issuedId) return 'already_issued';
    await this.pdf.ensure(issuedId);
    return 'issued';
  }

  private async issueFor(
    manager: EntityManager,
    original: Invoice,
    lines: InvoiceLineInput[],
    source: { eventId: string | null; reason: string },
  ): Promise<string | null> {
    if (lines.length === 0) return null;
    const totals = computeInvoiceTotals(lines);
    const remaining = original.totalInclVatCents - original.amountCreditedCents;
    if (totals.totalInclVatCents > remaining || remaining <= 0) return null;
    const { draft: content, lines: draftLines } = creditNoteDraft(original, totals, source);
    const { invoice: draft } = await this.invoices.insertDraft(content, draftLines, manager);
    const issued = await this.issuer.issueWithin(manager, draft, this.clock.now());
    await this.credit(manager, original, issued.totalInclVatCents);
    await this.recordIssued(manager, original, issued, source.eventId);
    return issued.id;
  }

  /** On the invoice it corrects: what was credited before, and the credit note that adds to it. */
  private recordIssued(
    manager: EntityManager,
    original: Invoice,
    creditNote: Invoice,
    eventId: string | null = null,
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
