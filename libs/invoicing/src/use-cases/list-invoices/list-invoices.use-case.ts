import { Injectable } from '@nestjs/common';
import { Clock, decodeCursor, encodeCursor, Page, parisDate } from '@mutualis/core';
import { Actor, hasRole, OrganisationAccessService } from '@mutualis/identity';
import type { InvoiceStatus } from '../../invoicing.types';
import { InvoiceRepository } from '../../repositories/invoice.repository';
import { InvoiceView, presentInvoice } from '../../views/invoice.view';

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
 * Drafts are the worker's business and are never listed.
 */
@Injectable()
export class ListInvoicesUseCase {
  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly organisations: OrganisationAccessService,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, query: ListInvoicesQuery): Promise<Page<InvoiceView>> {
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
}
