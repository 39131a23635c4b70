import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  InvoiceLedgerRepository,
  InvoiceSummary,
  LedgerDocument,
  LedgerPayment,
  OpenInvoice,
  FutureServiceDocument,
  PostingDocument,
  PostingPayment,
} from '../repositories/invoice-ledger.repository';

export type {
  FutureServiceDocument,
  InvoiceSummary,
  LedgerDocument,
  LedgerPayment,
  OpenInvoice,
  PostingDocument,
  PostingPayment,
};

/**
 * Invoicing's books, read for finance (reconciliation, receivables, the FEC): the query service
 * other contexts use instead of invoicing's tables.
 */
@Injectable()
export class InvoiceLedgerService {
  constructor(private readonly ledger: InvoiceLedgerRepository) {}

  /** Every issued invoice with money still due, oldest due first. */
  openInvoices(
    options: { organisationId?: string; ids?: string[] } = {},
    manager?: EntityManager,
  ): Promise<OpenInvoice[]> {
    return this.ledger.openInvoices(options, manager);
  }

  /** Invoices by id, whatever their status, for lists that name them. */
  summaries(ids: string[]): Promise<Map<string, InvoiceSummary>> {
    return this.ledger.summaries(ids);
  }

  /** Numbered invoices and credit notes, of an organisation or issued within [from, to]. */
  documents(filter: {
    organisationId?: string;
    from?: string;
    to?: string;
  }): Promise<LedgerDocument[]> {
    return this.ledger.documents(filter);
  }

  /** Payments recorded and not reversed, of an organisation or received within [from, to]. */
  payments(filter: {
    organisationId?: string;
    from?: string;
    to?: string;
  }): Promise<LedgerPayment[]> {
    return this.ledger.payments(filter);
  }

  /** An issued invoice or credit note with its VAT breakdown, for the journal; null while a draft. */
  postingDocument(invoiceId: string): Promise<PostingDocument | null> {
    return this.ledger.postingDocument(invoiceId);
  }

  /** A payment recorded against an invoice, reversed or not, for the journal. */
  postingPayment(paymentId: string): Promise<PostingPayment | null> {
    return this.ledger.postingPayment(paymentId);
  }

  /** The issued invoice of a booking, if any. */
  invoiceOfBooking(bookingId: string): Promise<string | null> {
    return this.ledger.invoiceOfBooking(bookingId);
  }

  /** Invoices and credit notes issued within [from, to] for a service after `to`. */
  issuedForLaterService(from: string, to: string): Promise<FutureServiceDocument[]> {
    return this.ledger.issuedForLaterService(from, to);
  }
}
