import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InvoiceRepository } from '../../repositories/invoice.repository';
import {
  InvoicePaymentCommand,
  InvoicePaymentRecorder,
  PaymentOutcome,
} from '../../services/invoice-payment-recorder';

/**
 * Records money received for a booking's invoice (a Stripe payment, a transfer confirmed) and
 * moves its status. A payment can arrive before its invoice is issued: then it throws, and the
 * job is retried.
 */
@Injectable()
export class RecordInvoicePaymentUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly invoices: InvoiceRepository,
    private readonly recorder: InvoicePaymentRecorder,
  ) {}

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
