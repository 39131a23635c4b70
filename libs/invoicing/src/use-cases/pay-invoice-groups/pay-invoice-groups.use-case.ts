import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainEvent, OutboxService } from '@mutualis/core';
import { InvoicingErrorCode, InvoicingException } from '../../invoicing.exception';
import { InvoiceBalance, InvoiceRepository } from '../../repositories/invoice.repository';
import { InvoicePaymentRepository } from '../../repositories/invoice-payment.repository';
import { settledStatus } from '../../services/invoice-issuer';
import { InvoicePaymentOfGroup } from '../../services/invoice-payment-recorder';
import { InvoicingEvents } from '../../invoicing.events';

/**
 * Many payments at once, in the caller's transaction (a bank statement's automatic
 * allocations): the same rules as PayInvoiceUseCase, with a few statements for all of them. The
 * invoices are locked (in id order), then the groups are taken in order, each against the
 * balances the groups before it left: a group whose invoice is not payable or owes less than
 * its payment is refused whole (its error in the result, nothing of it recorded) and the
 * others are recorded, each payment with its outbox event.
 */
@Injectable()
export class PayInvoiceGroupsUseCase {
  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly payments: InvoicePaymentRepository,
    private readonly outbox: OutboxService,
  ) {}

  async execute(
    groups: InvoicePaymentOfGroup[][],
    manager: EntityManager,
  ): Promise<(InvoicingException | null)[]> {
    const ids = [...new Set(groups.flat().map((payment) => payment.invoiceId))].sort();
    if (ids.length === 0) return groups.map(() => null);
    const locked = await this.invoices.lockBalances(ids, manager);
    const balances = new Map<string, InvoiceBalance>(locked.map((row) => [row.id, row]));
    const initialPaid = new Map([...balances.values()].map((b) => [b.id, b.amountPaidCents]));
    const outcomes: (InvoicingException | null)[] = [];
    const accepted: InvoicePaymentOfGroup[] = [];
    for (const group of groups) {
      // Tried on copies, kept only when the whole group fits.
      const tried = new Map<string, InvoiceBalance>();
      let refused: InvoicingException | null = null;
      for (const payment of group) {
        const current = balances.get(payment.invoiceId);
        const invoice = tried.get(payment.invoiceId) ?? (current ? { ...current } : undefined);
        if (
          !invoice ||
          invoice.type !== 'invoice' ||
          !['issued', 'partially_paid'].includes(invoice.status)
        ) {
          refused = new InvoicingException(
            InvoicingErrorCode.InvoiceNotPayable,
            invoice
              ? `invoice ${invoice.number ?? invoice.id} is ${invoice.status}`
              : 'invoice not found',
          );
          break;
        }
        const due =
          invoice.totalInclVatCents - invoice.amountPaidCents - invoice.amountCreditedCents;
        if (payment.amountCents > due) {
          refused = new InvoicingException(
            InvoicingErrorCode.InvoiceNotPayable,
            `invoice ${invoice.number} has ${due} cents left to pay`,
            [{ field: 'amountCents', message: `must not exceed the ${due} cents due` }],
          );
          break;
        }
        invoice.amountPaidCents += payment.amountCents;
        invoice.status = settledStatus(invoice);
        tried.set(invoice.id, invoice);
      }
      outcomes.push(refused);
      if (refused) continue;
      for (const [id, invoice] of tried) balances.set(id, invoice);
      accepted.push(...group);
    }
    if (accepted.length === 0) return outcomes;
    // A source already recorded (a replay) moves nothing, as in PayInvoiceUseCase.
    const paymentIds = await this.payments.insertMany(accepted, manager);
    const paid = new Map(initialPaid);
    const events: DomainEvent[] = [];
    const finalStatus = new Map<string, string>();
    for (const payment of accepted) {
      const paymentId = paymentIds.get(payment.source);
      if (!paymentId) continue;
      const invoice = balances.get(payment.invoiceId)!;
      const amountPaidCents = paid.get(invoice.id)! + payment.amountCents;
      paid.set(invoice.id, amountPaidCents);
      const status = settledStatus({ ...invoice, amountPaidCents });
      finalStatus.set(invoice.id, status);
      events.push({
        type: InvoicingEvents.PaymentRecorded,
        aggregateType: 'invoice',
        aggregateId: invoice.id,
        payload: {
          paymentId,
          amountCents: payment.amountCents,
          status,
          membershipId: invoice.membershipId,
        },
      });
    }
    if (events.length === 0) return outcomes;
    const moved = [...finalStatus.keys()];
    await this.invoices.updatePaidMany(
      moved.map((id) => ({ id, amountPaidCents: paid.get(id)!, status: finalStatus.get(id)! })),
      manager,
    );
    await this.outbox.record(manager, ...events);
    return outcomes;
  }
}
