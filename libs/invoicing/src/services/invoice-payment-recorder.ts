import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxService } from '@mutualis/core';
import { Invoice } from '../entities/invoice.entity';
import { InvoiceRepository } from '../repositories/invoice.repository';
import { InvoicePaymentRepository } from '../repositories/invoice-payment.repository';
import { settledStatus } from './invoice-issuer';
import { InvoicingEvents } from '../invoicing.events';

export type PaymentMethod =
  'card' | 'sepa_debit' | 'bank_transfer' | 'cheque' | 'administrative_mandate';

export interface InvoicePaymentCommand {
  /** What received the money (a payment event, a bank allocation), so a replay records nothing twice. */
  source: string;
  amountCents: number;
  method: PaymentMethod;
  /** What the money came through on the payer's side (the payments context's Stripe payment), for the books. */
  reference?: string;
}

export type PaymentOutcome = 'recorded' | 'already_recorded';

/** One payment of a group given to `PayInvoiceGroupsUseCase`. */
export type InvoicePaymentOfGroup = InvoicePaymentCommand & { invoiceId: string };

/**
 * Records money received against a locked invoice and moves its paid amount and status
 * (partially paid, paid), or takes it back; every change is announced in the outbox.
 */
@Injectable()
export class InvoicePaymentRecorder {
  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly payments: InvoicePaymentRepository,
    private readonly outbox: OutboxService,
  ) {}

  async record(
    invoice: Invoice,
    command: InvoicePaymentCommand,
    manager: EntityManager,
  ): Promise<PaymentOutcome> {
    const paymentId = await this.payments.insertOnce(
      {
        invoiceId: invoice.id,
        source: command.source,
        amountCents: command.amountCents,
        method: command.method,
        reference: command.reference ?? null,
      },
      manager,
    );
    if (paymentId === null) return 'already_recorded';
    await this.movePaid(
      invoice,
      command.amountCents,
      InvoicingEvents.PaymentRecorded,
      paymentId,
      manager,
    );
    return 'recorded';
  }

  /** Moves the invoice's paid amount and status, and announces the payment recorded or reversed. */
  async movePaid(
    invoice: Invoice,
    deltaCents: number,
    type: typeof InvoicingEvents.PaymentRecorded | typeof InvoicingEvents.PaymentReversed,
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
      payload: {
        paymentId,
        amountCents: Math.abs(deltaCents),
        status,
        membershipId: invoice.membershipId,
      },
    });
  }
}
