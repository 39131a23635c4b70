import { Injectable } from '@nestjs/common';
import { salesEntry } from '../../posting/posting-rules';
import { InvoicePosting, PostingOutcome, salesDocument } from '../../services/invoice-posting';

/**
 * Posts an issued invoice or credit note in the sales journal (VT). A credit note is posted
 * after the invoice it corrects (posted first if its own event has not come yet), from the
 * invoice's books: one that leaves nothing due takes the VAT left pending.
 */
@Injectable()
export class PostSalesDocumentUseCase {
  constructor(private readonly posting: InvoicePosting) {}

  async execute(documentId: string): Promise<PostingOutcome> {
    const document = await this.posting.issued(documentId);
    const invoiceId = document.correctsInvoiceId ?? document.invoiceId;
    return this.posting.forInvoice(
      invoiceId,
      async (scope) => {
        // An invoice's own entry is the one forInvoice posts first.
        if (document.type === 'invoice') return scope.invoicePosted;
        // A credit note undoes what its invoice did, VAT on the same terms.
        const draft = salesEntry(salesDocument(document, invoiceId), {
          vatOnDebits: scope.invoice.vatOnDebits,
          invoiceBook: await scope.book(),
        });
        if (await scope.isPosted(draft.sourceKey)) return 'already_posted';
        return scope.post(draft);
      },
      document,
    );
  }
}
