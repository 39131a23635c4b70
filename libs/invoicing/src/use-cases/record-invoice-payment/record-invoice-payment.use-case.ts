import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OutboxService } from '@mutualis/core';
import { InvoiceRepository } from '../../repositories/invoice.repository';
import { settledStatus } from '../../services/invoice-issuer';

export interface InvoicePaymentCommand {
  /** What received the money (a payment event), so that a replay records nothing twice. */
  source: string;
  bookingId: string;
  amountCents: number;
  method: 'card' | 'sepa_debit' | 'bank_transfer' | 'cheque' | 'administrative_mandate';
}

/**
 * Records money received for a booking's invoice and moves its status (partially paid, paid).
 * A payment can arrive before its invoice is issued: then it throws, and the job is retried.
 */
@Injectable()
export class RecordInvoicePaymentUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly invoices: InvoiceRepository,
    private readonly outbox: OutboxService,
  ) {}

  execute(command: InvoicePaymentCommand): Promise<'recorded' | 'already_recorded'> {
    return this.dataSource.transaction(async (manager) => {
      const invoice = await this.invoices.findForBookingForUpdate(command.bookingId, manager);
      if (!invoice || invoice.status === 'draft') {
        throw new Error(
          `booking ${command.bookingId} has no issued invoice yet; the payment will be recorded on retry`,
        );
      }
      const inserted = await manager.query<{ id: string }[]>(
        `INSERT INTO invoice_payments (invoice_id, source, amount_cents, method) VALUES ($1, $2, $3, $4)
         ON CONFLICT (source) DO NOTHING RETURNING id`,
        [invoice.id, command.source, command.amountCents, command.method],
      );
      if (inserted.length === 0) return 'already_recorded';
      const amountPaidCents = invoice.amountPaidCents + command.amountCents;
      const status = settledStatus({ ...invoice, amountPaidCents });
      await this.invoices.update(invoice.id, { amountPaidCents, status }, manager);
      await this.outbox.record(manager, {
        type: 'invoice.payment-recorded',
        aggregateType: 'invoice',
        aggregateId: invoice.id,
        payload: { paymentId: inserted[0].id, amountCents: command.amountCents, status },
      });
      return 'recorded';
    });
  }
}
