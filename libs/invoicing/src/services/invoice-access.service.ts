import { Injectable } from '@nestjs/common';
import { Actor, hasRole, OrganisationAccessService } from '@mutualis/identity';
import { Invoice } from '../entities/invoice.entity';
import { invoiceNotFound } from '../invoicing.exception';
import { InvoiceRepository } from '../repositories/invoice.repository';

/**
 * Who may read an invoice: its organisation's members, finance and admins (drafts only the
 * latter). Anyone else gets "not found", never the invoice.
 */
@Injectable()
export class InvoiceAccessService {
  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly organisations: OrganisationAccessService,
  ) {}

  async readable(actor: Actor, invoiceId: string): Promise<Invoice> {
    const invoice = await this.invoices.findById(invoiceId);
    if (!invoice || (invoice.status === 'draft' && !hasRole(actor, 'admin', 'finance')))
      throw invoiceNotFound();
    if (hasRole(actor, 'admin', 'finance')) return invoice;
    const mine = await this.organisations.organisationsOf(actor.userId);
    if (!mine.includes(invoice.organisationId)) throw invoiceNotFound();
    return invoice;
  }
}
