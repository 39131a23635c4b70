import { Injectable } from '@nestjs/common';
import { Clock, decodeCursor, encodeCursor, Page, parisDate } from '@mutualis/core';
import { Actor, hasRole, OrganisationAccessService } from '@mutualis/identity';
import { InvoicingErrorCode, InvoicingException, invoiceNotFound } from '../../invoicing.exception';
import type { InvoiceStatus } from '../../invoicing.types';
import { InvoiceRepository } from '../../repositories/invoice.repository';
import { InvoiceStorage } from '../../storage/invoice-storage';
import { InvoiceView, presentInvoice } from '../../views/invoice.view';
import { Invoice } from '../../entities/invoice.entity';

export interface ListInvoicesQuery {
  organisationId?: string;
  statuses?: InvoiceStatus[];
  overdue?: boolean;
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

/**
 * Invoices and credit notes: an organisation's members see theirs; finance and admins see all.
 * Anyone else gets "not found". Drafts are the worker's business and are never listed.
 */
@Injectable()
export class ListInvoicesUseCase {
  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly organisations: OrganisationAccessService,
    private readonly storage: InvoiceStorage,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, query: ListInvoicesQuery): Promise<Page<InvoiceView>> {
    const staff = hasRole(actor, 'admin', 'finance');
    const rows = await this.invoices.list({
      organisationIds: staff ? undefined : await this.organisations.organisationsOf(actor.userId),
      organisationId: query.organisationId,
      statuses: query.statuses,
      overdueOn: query.overdue ? parisDate(this.clock.now()) : undefined,
      issuedFrom: query.from,
      issuedTo: query.to,
      limit: query.limit,
      after: decodeCursor(query.cursor),
    });
    const page = rows.slice(0, query.limit);
    const lines = await this.invoices.linesOf(page.map((invoice) => invoice.id));
    const last = page.at(-1);
    const now = this.clock.now();
    return {
      items: page.map((invoice) => presentInvoice(invoice, lines, now)),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
    };
  }

  async get(actor: Actor, invoiceId: string): Promise<InvoiceView> {
    const invoice = await this.readable(actor, invoiceId);
    return presentInvoice(invoice, await this.invoices.linesOf([invoice.id]), this.clock.now());
  }

  /** The stored PDF, as it was rendered when the invoice was issued. */
  async pdf(actor: Actor, invoiceId: string): Promise<{ filename: string; content: Buffer }> {
    const invoice = await this.readable(actor, invoiceId);
    if (!invoice.pdfPath || !invoice.number) {
      throw new InvoicingException(
        InvoicingErrorCode.PdfNotReady,
        'this invoice’s PDF is being prepared; try again shortly',
      );
    }
    return { filename: `${invoice.number}.pdf`, content: await this.storage.get(invoice.pdfPath) };
  }

  private async readable(actor: Actor, invoiceId: string): Promise<Invoice> {
    const invoice = await this.invoices.findById(invoiceId);
    if (!invoice || (invoice.status === 'draft' && !hasRole(actor, 'admin', 'finance')))
      throw invoiceNotFound();
    if (hasRole(actor, 'admin', 'finance')) return invoice;
    const mine = await this.organisations.organisationsOf(actor.userId);
    if (!mine.includes(invoice.organisationId)) throw invoiceNotFound();
    return invoice;
  }
}
