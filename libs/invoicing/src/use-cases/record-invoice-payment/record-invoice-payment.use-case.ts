import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InvoicingErrorCode, InvoicingException } from '../../invoicing.exception';
import { InvoiceRepository } from '../../repositories/invoice.repository';
import {
  InvoicePaymentCommand,
  InvoicePaymentRecorder,
  PaymentOutcome,
} from '../../services/invoice-payment-recorder';
import { PayInvoiceUseCase } from '../pay-invoice/pay-invoice.use-case';

/**
 * Records money received for a booking's invoice (a Stripe payment, a transfer confirmed) and
 * moves its status. A payment can arrive before its invoice is issued: then it throws, and the
 * job is retried.
 */
@Injectable()
export class RecordInvoicePaymentUseCase {
  private readonly logger = new Logger(RecordInvoicePaymentUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly invoices: InvoiceRepository,
    private readonly recorder: InvoicePaymentRecorder,
    private readonly payInvoice: PayInvoiceUseCase,
  ) {}

  /**
   * Records money received for an issued invoice named by its id (a card payment of a
   * cotisation, made from the invoice itself). An invoice settled meanwhile by other means, or
   * owing less than what came, is not paid twice: the money is left for finance (an alert), and
   * the job does not retry what cannot change.
   */
  async forInvoice(
    command: InvoicePaymentCommand & { invoiceId: string },
  ): Promise<PaymentOutcome | 'not_payable'> {
    try {
      return await this.dataSource.transaction((manager) =>
        this.payInvoice.execute(command.invoiceId, command, manager),
      );
    } catch (error) {
      if (
        !(error instanceof InvoicingException) ||
        error.code !== InvoicingErrorCode.InvoiceNotPayable
      )
        throw error;
      this.logger.error(
        {
          alert: 'invoice_payment_not_recorded',
          invoiceId: command.invoiceId,
          source: command.source,
          amountCents: command.amountCents,
          reason: error.message,
        },
        'ALERT: money received for an invoice that no longer owes it; finance to refund or keep as credit',
      );
      return 'not_payable';
    }
  }

  execute(command: InvoicePaymentCommand & { bookingId: string }): Promise<PaymentOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const invoice = await this.invoices.findForBookingForUpdate(command.bookingId, manager);
      if (!invoice || invoice.status === 'draft') {
        throw new Error(
          `booking ${command.bookingId} has no issued invoice yet; the payment will be recorded on retry`,
        );
      }
      return this.recorder.record(invoice, command, manager);
    });
  }
}
