import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OutboxService } from '@mutualis/core';
import { Invoice } from '../../entities/invoice.entity';
import { InvoicingErrorCode, InvoicingException } from '../../invoicing.exception';
import { InvoiceRepository } from '../../repositories/invoice.repository';
import { settledStatus } from '../../services/invoice-issuer';

export type PaymentMethod =
  'card' | 'sepa_debit' | 'bank_transfer' | 'cheque' | 'administrative_mandate';

export interface InvoicePaymentCommand {
  /** What received the money (a payment event, a bank allocation), so a replay records nothing twice. */
  source: string;
  amountCents: number;
  method: PaymentMethod;
}

export type PaymentOutcome = 'recorded' | 'already_recorded';

/**
 * Records money received against an invoice and moves its status (partially paid, paid), and
 * reverses such a record when it was a mistake. Every change is announced in the outbox.
 */
@Injectable()
export class RecordInvoicePaymentUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly invoices: InvoiceRepository,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * For a booking's invoice. A payment can arrive before its invoice is issued: then it
   * throws, and the job is retried.
   */
  execute(command: InvoicePaymentCommand & { bookingId: string }): Promise<PaymentOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const invoice = await this.invoices.findForBookingForUpdate(command.bookingId, manager);
      if (!invoice || invoice.status === 'draft') {
        throw new Error(
          `booking ${command.bookingId} has no issued invoice yet; the payment will be recorded on retry`,
        );
      }
      return this.record(invoice, command, manager);
    });
  }

  /** For an invoice named by its id, in the caller's transaction (a bank allocation). */
  async forInvoice(
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
    return this.record(invoice, command, manager);
  }

  /** Takes back the payment recorded from `source`, in the caller's transaction. */
  async reverse(source: string, manager: EntityManager): Promise<'reversed' | 'not_recorded'> {
    const [payment] = await manager.query<
      { id: string; invoice_id: string; amount_cents: string }[]
    >(
      `SELECT id, invoice_id, amount_cents FROM invoice_payments
        WHERE source = $1 AND reversed_at IS NULL`,
      [source],
    );
    if (!payment) return 'not_recorded';
    const invoice = (await this.invoices.findByIdForUpdate(payment.invoice_id, manager))!;
    await manager.query(`UPDATE invoice_payments SET reversed_at = now() WHERE id = $1`, [
      payment.id,
    ]);
    await this.movePaid(
      invoice,
      -Number(payment.amount_cents),
      'invoice.payment-reversed',
      payment.id,
      manager,
    );
    return 'reversed';
  }

  /** Moves the invoice's paid amount and status, and announces the payment recorded or reversed. */
  private async movePaid(
    invoice: Invoice,
    deltaCents: number,
    type: 'invoice.payment-recorded' | 'invoice.payment-reversed',
    paymentId: string,
    manager: EntityManager,
  ): Promise<void> {
    const amountPaidCents = invoice.amountPaidCents + deltaCents;
    const status = settledStatus({ ...invoice, amountPaidCents });
    await this.invoices.update(invoice.id, { amountPaidCents, status }, manager);
    await this.outbox.record(manager, {
      type,
      aggregateType: 'invoice',
      aggregateId: invoice.id,
      payload: { paymentId, amountCents: Math.abs(deltaCents), status },
    });
  }

  private async record(
    invoice: Invoice,
    command: InvoicePaymentCommand,
    manager: EntityManager,
  ): Promise<PaymentOutcome> {
    const inserted = await manager.query<{ id: string }[]>(
      `INSERT INTO invoice_payments (invoice_id, source, amount_cents, method) VALUES ($1, $2, $3, $4)
       ON CONFLICT (source) DO NOTHING RETURNING id`,
      [invoice.id, command.source, command.amountCents, command.method],
    );
    if (inserted.length === 0) return 'already_recorded';
    await this.movePaid(
      invoice,
      command.amountCents,
      'invoice.payment-recorded',
      inserted[0].id,
      manager,
    );
    return 'recorded';
  }
}
