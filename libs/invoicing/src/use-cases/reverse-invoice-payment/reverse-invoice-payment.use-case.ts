import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { InvoiceRepository } from '../../repositories/invoice.repository';
import { InvoicePaymentRepository } from '../../repositories/invoice-payment.repository';
import { InvoicePaymentRecorder } from '../../services/invoice-payment-recorder';
import { InvoicingEvents } from '../../invoicing.events';

/** Takes back the payment recorded from a source (an allocation undone), in the caller's transaction. */
@Injectable()
export class ReverseInvoicePaymentUseCase {
  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly payments: InvoicePaymentRepository,
    private readonly recorder: InvoicePaymentRecorder,
  ) {}

  async execute(source: string, manager: EntityManager): Promise<'reversed' | 'not_recorded'> {
    const payment = await this.payments.findLiveBySource(source, manager);
    if (!payment) return 'not_recorded';
    const invoice = (await this.invoices.findByIdForUpdate(payment.invoiceId, manager))!;
    await this.payments.markReversed(payment.id, manager);
    await this.recorder.movePaid(
      invoice,
      -payment.amountCents,
      InvoicingEvents.PaymentReversed,
      payment.id,
      manager,
    );
    return 'reversed';
  }
}
