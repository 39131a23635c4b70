import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { parisDate } from '@mutualis/core';
import { BookingFactsService } from '@mutualis/booking';
import { amountLeftToCreditCents } from '../../domain/amount-due';
import { computeInvoiceTotals, InvoiceLineInput } from '../../domain/invoice-totals';
import { Invoice } from '../../entities/invoice.entity';
import { InvoiceRepository } from '../../repositories/invoice.repository';
import {
  AutomaticRefund,
  CreditNoteIssuer,
  CreditOutcome,
} from '../../services/credit-note-issuer';
import { creditLinesForPercent, creditNoteDraft } from '../../services/credit-lines';
import { withoutServiceMoment } from '../../services/invoice-composer';
import { InvoicePdfService } from '../../services/invoice-pdf.service';

/**
 * The credit note refunding a cancelled booking: the share of its invoice the cancellation
 * policy gives back, once per cancellation event (its id is the credit note's source). Its
 * lines are computed as the booking computed the refund (creditLinesForPercent, refundInclVat).
 * A booking paid by card or SEPA debit is refunded through Stripe on the same event (payments'
 * RefundCancellationUseCase): the credit note says so, with the day of the cancellation.
 */
@Injectable()
export class IssueCancellationCreditNoteUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly invoices: InvoiceRepository,
    private readonly bookings: BookingFactsService,
    private readonly creditNotes: CreditNoteIssuer,
    private readonly pdf: InvoicePdfService,
  ) {}

  async execute(eventId: string, bookingId: string, refundPercent: number): Promise<CreditOutcome> {
    if (refundPercent <= 0) return 'nothing_to_credit';
    const cancelledAt = (await this.bookings.forInvoice(bookingId))?.cancelledAt;
    const refund: AutomaticRefund | null = cancelledAt
      ? { orderedOn: parisDate(cancelledAt) }
      : null;
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
      // The service never took place: its credit note prints no date of it, not even in its lines.
      const invoiced = await this.invoices.linesOf([original.id], manager);
      const lines = creditLinesForPercent(
        invoiced.map((line) => ({ ...line, description: withoutServiceMoment(line.description) })),
        refundPercent,
        `Annulation : remboursement de ${refundPercent} %`,
      );
      const id = await this.issueFor(manager, original, lines, refund, {
        eventId,
        reason: `Annulation de la réservation (${refundPercent} % remboursés)`,
        serviceCancelled: true,
      });
      return id ? { outcome: 'issued' as const, id } : { outcome: 'nothing_to_credit' as const };
    });
    if (result.outcome === 'issued') await this.pdf.ensure(result.id);
    return result.outcome;
  }

  /** Null when there is nothing left to credit, or these lines would credit more than that. */
  private async issueFor(
    manager: EntityManager,
    original: Invoice,
    lines: InvoiceLineInput[],
    refund: AutomaticRefund | null,
    source: { eventId: string; reason: string; serviceCancelled: boolean },
  ): Promise<string | null> {
    if (lines.length === 0) return null;
    const totals = computeInvoiceTotals(lines);
    const remaining = amountLeftToCreditCents(original);
    if (totals.totalInclVatCents > remaining || remaining <= 0) return null;
    const { draft: content, lines: draftLines } = creditNoteDraft(original, totals, source);
    const { invoice: draft } = await this.invoices.insertDraft(content, draftLines, manager);
    const issued = await this.creditNotes.issueWithin(manager, original, draft, {
      eventId: source.eventId,
      refund,
    });
    return issued.id;
  }
}
