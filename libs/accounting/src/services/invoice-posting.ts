import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { InvoiceLedgerService, PostingDocument } from '@mutualis/invoicing';
import type { EntryDraft } from '../journal/entry-draft';
import { salesEntry, SalesDocument } from '../posting/posting-rules';
import type { InvoiceBook } from '../posting/vat-on-payment';
import { BooksRepository } from '../repositories/books.repository';
import { PostingRepository } from '../repositories/posting.repository';
import { JournalWriter } from './journal-writer';

export type PostingOutcome = 'posted' | 'already_posted';

/** One transaction of posting, with what the rules need to read from the journal. */
export interface PostingScope {
  manager: EntityManager;
  chambreId: string;
  isPosted(sourceKey: string): Promise<boolean>;
  /** A posted entry as the draft it was posted from, or null. */
  entry(sourceKey: string): Promise<EntryDraft | null>;
  post(draft: EntryDraft): Promise<PostingOutcome>;
}

/** An invoice's scope: its sales entry is in the journal, and its books can be read. */
export interface InvoiceScope extends PostingScope {
  invoiceId: string;
  invoice: PostingDocument;
  /** What posting the invoice's own sales entry did. */
  invoicePosted: PostingOutcome;
  organisationId: string;
  invoiceNumber: string;
  book(): Promise<InvoiceBook>;
}

/**
 * Runs posting work in one transaction. Work that touches an invoice holds the invoice's
 * posting lock (the books it reads cannot change under it) and finds the invoice's own sales
 * entry posted first, whatever order the events arrive in: a payment's VAT share is read from
 * what the invoice put in pending.
 */
@Injectable()
export class InvoicePosting {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly books: BooksRepository,
    private readonly posting: PostingRepository,
    private readonly journal: JournalWriter,
    private readonly ledger: InvoiceLedgerService,
  ) {}

  /** Work in a transaction of its own. */
  async run<T>(work: (scope: PostingScope) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => work(await this.scope(manager)));
  }

  /**
   * Work on an invoice, under its lock, once its sales entry is posted. `read` is the invoice
   * when the caller has read it already (an issued invoice never changes): not read again.
   */
  async forInvoice<T>(
    invoiceId: string,
    work: (scope: InvoiceScope) => Promise<T>,
    read?: PostingDocument,
  ): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const scope = await this.scope(manager);
      await this.posting.lockInvoice(invoiceId, manager);
      const invoice = read?.invoiceId === invoiceId ? read : await this.issued(invoiceId);
      if (invoice.type !== 'invoice') throw new Error(`${invoice.number} is not an invoice`);
      // VAT on the debits or on payment, as the invoice says the Chambre had opted (its seller
      // snapshot); its payments and credit notes follow the invoice.
      const invoicePosted = await scope.post(
        salesEntry(salesDocument(invoice, invoiceId), { vatOnDebits: invoice.vatOnDebits }),
      );
      return work({
        ...scope,
        invoiceId,
        invoice,
        invoicePosted,
        organisationId: invoice.organisationId,
        invoiceNumber: invoice.number,
        book: () =>
          this.posting.invoiceBook(scope.chambreId, invoice.organisationId, invoiceId, manager),
      });
    });
  }

  /** An invoice or a credit note as issued; throws while it is not (its job is retried). */
  async issued(documentId: string): Promise<PostingDocument> {
    const document = await this.ledger.postingDocument(documentId);
    if (!document) throw new Error(`invoice ${documentId} is not issued yet`);
    return document;
  }

  private async scope(manager: EntityManager): Promise<PostingScope> {
    const chambreId = await this.books.chambreId(manager);
    return {
      manager,
      chambreId,
      isPosted: (sourceKey) => this.posting.isPosted(chambreId, sourceKey, manager),
      entry: (sourceKey) => this.posting.entry(chambreId, sourceKey, manager),
      post: async (draft) =>
        (await this.journal.post(draft, manager)).created ? 'posted' : 'already_posted',
    };
  }
}

/** A document as the sales rule takes it: credit notes settle the invoice they correct. */
export function salesDocument(document: PostingDocument, invoiceId: string): SalesDocument {
  return {
    documentId: document.invoiceId,
    type: document.type,
    number: document.number,
    organisationId: document.organisationId,
    buyerName: document.buyerName,
    issueDate: document.issueDate,
    invoiceId,
    totalInclVatCents: document.totalInclVatCents,
    vatBreakdown: document.vatBreakdown,
    membershipId: document.membershipId,
  };
}
