import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog, OutboxService } from '@mutualis/core';
import { Actor } from '@mutualis/identity';
import { amountLeftToCreditCents } from '../../domain/amount-due';
import { computeInvoiceTotals } from '../../domain/invoice-totals';
import { InvoicingErrorCode, InvoicingException, invoiceNotFound } from '../../invoicing.exception';
import { InvoiceRepository } from '../../repositories/invoice.repository';
import { InvoiceView, presentInvoice } from '../../views/invoice.view';
import { creditLinesForAmount, creditNoteDraft } from '../../services/credit-lines';
import { InvoicingEvents } from '../../invoicing.events';

export interface RequestCreditNoteCommand {
  actor: Actor;
  invoiceId: string;
  /** Including VAT. */
  amountCents: number;
  reason: string;
}

/**
 * Finance asks for a credit note on an issued invoice. It is drafted here with its amount and
 * payment reference, and numbered and issued by the worker, like every invoice.
 */
@Injectable()
export class RequestCreditNoteUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly invoices: InvoiceRepository,
    private readonly outbox: OutboxService,
    private readonly audit: AuditLog,
  ) {}

  async execute(command: RequestCreditNoteCommand): Promise<InvoiceView> {
    const draft = await this.dataSource.transaction(async (manager) => {
      const original = await this.invoices.findByIdForUpdate(command.invoiceId, manager);
      if (!original) throw invoiceNotFound();
      if (
        original.type !== 'invoice' ||
        original.status === 'draft' ||
        original.status === 'cancelled'
      ) {
        throw new InvoicingException(
          InvoicingErrorCode.NotCreditable,
          `only an issued invoice that is not fully credited can be credited (this one is ${original.status})`,
        );
      }
      const remaining = amountLeftToCreditCents(original);
      if (command.amountCents > remaining) {
        throw new InvoicingException(
          InvoicingErrorCode.CreditExceedsInvoice,
          `at most ${remaining} cents are left to credit on ${original.number}`,
          [{ field: 'amountCents', message: `must be at most ${remaining}` }],
        );
      }
      const lines = creditLinesForAmount(
        await this.invoices.linesOf([original.id], manager),
        command.amountCents,
        command.reason,
      );
      if (!lines || lines.length === 0) {
        throw new InvoicingException(
          InvoicingErrorCode.NotCreditable,
          lines
            ? 'this amount is too small to credit'
            : 'an invoice with several VAT rates is credited line by line',
          [{ field: 'amountCents', message: 'cannot be credited as one amount on this invoice' }],
        );
      }
      const { draft, lines: draftLines } = creditNoteDraft(original, computeInvoiceTotals(lines), {
        eventId: null,
        reason: command.reason,
      });
      const { invoice: created } = await this.invoices.insertDraft(draft, draftLines, manager);
      await this.outbox.record(manager, {
        type: InvoicingEvents.CreditNoteRequested,
        aggregateType: 'invoice',
        aggregateId: created.id,
        payload: { correctsInvoiceId: original.id, requestedBy: command.actor.userId },
      });
      await this.audit.record(manager, {
        action: 'credit_note.requested',
        entityType: 'invoice',
        entityId: original.id,
        before: { amountCreditedCents: original.amountCreditedCents },
        after: { creditNoteId: created.id, totalInclVatCents: created.totalInclVatCents },
        reason: command.reason,
      });
      return created;
    });
    return presentInvoice(draft, await this.invoices.linesOf([draft.id]), new Date());
  }
}
