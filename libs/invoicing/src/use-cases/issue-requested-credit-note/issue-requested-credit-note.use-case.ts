import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { amountLeftToCreditCents } from '../../domain/amount-due';
import { InvoicingErrorCode, InvoicingException, invoiceNotFound } from '../../invoicing.exception';
import { InvoiceRepository } from '../../repositories/invoice.repository';
import { CreditNoteIssuer, CreditOutcome } from '../../services/credit-note-issuer';
import { InvoicePdfService } from '../../services/invoice-pdf.service';

/**
 * Issues the credit note finance drafted through the api (RequestCreditNoteUseCase), in the
 * worker; a draft already issued is left alone.
 */
@Injectable()
export class IssueRequestedCreditNoteUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly invoices: InvoiceRepository,
    private readonly creditNotes: CreditNoteIssuer,
    private readonly pdf: InvoicePdfService,
  ) {}

  async execute(creditNoteId: string): Promise<CreditOutcome> {
    const issuedId = await this.dataSource.transaction(async (manager) => {
      const draft = await this.invoices.findByIdForUpdate(creditNoteId, manager);
      if (!draft) throw invoiceNotFound();
      if (draft.status !== 'draft') return null;
      const original = await this.invoices.findByIdForUpdate(draft.correctsInvoiceId!, manager);
      if (!original) throw invoiceNotFound();
      // Another credit note may have been issued on the original since this one was drafted.
      if (draft.totalInclVatCents > amountLeftToCreditCents(original)) {
        throw new InvoicingException(
          InvoicingErrorCode.CreditExceedsInvoice,
          `credit note ${creditNoteId} exceeds what is left to credit on ${original.number}`,
        );
      }
      const issued = await this.creditNotes.issueWithin(manager, original, draft);
      return issued.id;
    });
    if (!issuedId) return 'already_issued';
    await this.pdf.ensure(issuedId);
    return 'issued';
  }
}
