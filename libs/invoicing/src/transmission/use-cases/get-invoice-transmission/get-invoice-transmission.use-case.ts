import { Injectable } from '@nestjs/common';
import { Actor, hasRole } from '@mutualis/identity';
import { InvoiceAccessService } from '../../../services/invoice-access.service';
import { InvoiceTransmissionRepository } from '../../invoice-transmission.repository';
import { channelFor } from '../../transmission-channel';
import { InvoiceTransmissionView, presentLifecycle } from '../../transmission.view';

/**
 * How an invoice reached its buyer and the statuses it went through, for those who may read the
 * invoice (others get "not found"). An invoice whose transmission is not opened yet (its event
 * is on its way to the worker) shows as pending on the channel it will take.
 */
@Injectable()
export class GetInvoiceTransmissionUseCase {
  constructor(
    private readonly access: InvoiceAccessService,
    private readonly transmissions: InvoiceTransmissionRepository,
  ) {}

  async execute(actor: Actor, invoiceId: string): Promise<InvoiceTransmissionView> {
    const invoice = await this.access.readable(actor, invoiceId);
    const [transmission, lifecycle] = await Promise.all([
      this.transmissions.findByInvoice(invoice.id),
      this.transmissions.lifecycleOf(invoice.id),
    ]);
    const staff = hasRole(actor, 'admin', 'finance');
    return {
      invoiceId: invoice.id,
      channel: transmission?.channel ?? channelFor(invoice.buyer),
      state: transmission?.state ?? 'pending',
      externalStatus: transmission?.externalStatus ?? null,
      lastStatusAt: transmission?.lastStatusAt?.toISOString() ?? null,
      lastError: staff ? (transmission?.lastError ?? null) : null,
      attempts: staff ? (transmission?.attempts ?? 0) : null,
      nextAttemptAt: staff ? (transmission?.nextAttemptAt?.toISOString() ?? null) : null,
      lifecycle: presentLifecycle(lifecycle),
    };
  }
}
