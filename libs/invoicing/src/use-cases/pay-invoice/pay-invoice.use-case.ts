import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { InvoicingErrorCode, InvoicingException } from '../../invoicing.exception';
import { InvoiceRepository } from '../../repositories/invoice.repository';
import {
  InvoicePaymentCommand,
  InvoicePaymentRecorder,
  PaymentOutcome,
} from '../../services/invoice-payment-recorder';

/**
 * Records a payment of an invoice named by its id, in the caller's transaction (a bank
 * allocation): only an issued or partly paid invoice, and never more than it owes.
 */
@Injectable()
export class PayInvoiceUseCase {
  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly recorder: InvoicePaymentRecorder,
  ) {}

  async execute(
    invoiceId: string,
    command: InvoicePaymentCommand,
    manager: EntityManager,
  ): Promise<PaymentOutcome> {
    const invoice = await this.invoices.findByIdForUpdate(invoiceId, manager);
    if (
      !invoice ||
      invoice.type !== 'invoice' ||
      !['issued', 'partially_paid'].includes(invoice.status)
    ) {
      throw new InvoicingException(
        InvoicingErrorCode.InvoiceNotPayable,
        invoice
          ? `invoice ${invoice.number ?? invoice.id} is ${invoice.status}`
          : 'invoice not found',
      );
    }
    const due = invoice.totalInclVatCents - invoice.amountPaidCents - invoice.amountCreditedCents;
    if (command.amountCents > due) {
      throw new InvoicingException(
        InvoicingErrorCode.InvoiceNotPayable,
        `invoice ${invoice.number} has ${due} cents left to pay`,
        [{ field: 'amountCents', message: `must not exceed the ${due} cents due` }],
      );
    }
    return this.recorder.record(invoice, command, manager);
  }
}
