import { Injectable } from '@nestjs/common';
import { Clock } from '@mutualis/core';
import { Actor } from '@mutualis/identity';
import { InvoiceRepository } from '../../repositories/invoice.repository';
import { InvoiceAccessService } from '../../services/invoice-access.service';
import { InvoiceView, presentInvoice } from '../../views/invoice.view';

/** One invoice or credit note, for those who may read it. */
@Injectable()
export class GetInvoiceUseCase {
  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly access: InvoiceAccessService,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, invoiceId: string): Promise<InvoiceView> {
    const invoice = await this.access.readable(actor, invoiceId);
    return presentInvoice(invoice, await this.invoices.linesOf([invoice.id]), this.clock.now());
  }
}
