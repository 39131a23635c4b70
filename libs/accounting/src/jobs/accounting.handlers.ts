import { Injectable } from '@nestjs/common';
import { EventJob, OnEvent, OnEvents, QueueName } from '@mutualis/core';
import { InvoicingEvents } from '@mutualis/invoicing';
import { PaymentsEvents } from '@mutualis/payments';
import { ReconciliationEvents } from '@mutualis/reconciliation';
import { PostBankAllocationUseCase } from '../use-cases/post-bank-allocation/post-bank-allocation.use-case';
import { PostInvoicePaymentUseCase } from '../use-cases/post-invoice-payment/post-invoice-payment.use-case';
import { PostLatePaymentUseCase } from '../use-cases/post-late-payment/post-late-payment.use-case';
import { PostPaymentReversalUseCase } from '../use-cases/post-payment-reversal/post-payment-reversal.use-case';
import { PostPayoutUseCase } from '../use-cases/post-payout/post-payout.use-case';
import { PostRefundUseCase } from '../use-cases/post-refund/post-refund.use-case';
import { PostSalesDocumentUseCase } from '../use-cases/post-sales-document/post-sales-document.use-case';
import { PostStripeFeeUseCase } from '../use-cases/post-stripe-fee/post-stripe-fee.use-case';
import { PostUndoneAllocationUseCase } from '../use-cases/post-undone-allocation/post-undone-allocation.use-case';

/**
 * Posts the journal's entries from the money facts other contexts announce, one entry per
 * source key: a redelivered event finds its entry and writes nothing, a failed one is retried,
 * and an event left unacknowledged by a stopped worker is delivered again, so no entry is lost.
 * A fact that needs another's entry first (a payment its invoice's) posts that one too.
 */
@Injectable()
export class AccountingHandlers {
  constructor(
    private readonly sales: PostSalesDocumentUseCase,
    private readonly payment: PostInvoicePaymentUseCase,
    private readonly reversal: PostPaymentReversalUseCase,
    private readonly refund: PostRefundUseCase,
    private readonly latePayment: PostLatePaymentUseCase,
    private readonly fee: PostStripeFeeUseCase,
    private readonly payout: PostPayoutUseCase,
    private readonly allocation: PostBankAllocationUseCase,
    private readonly undone: PostUndoneAllocationUseCase,
  ) {}

  @OnEvents([InvoicingEvents.InvoiceIssued, InvoicingEvents.CreditNoteIssued], QueueName.Accounting)
  async salesDocumentIssued(
    event: EventJob<typeof InvoicingEvents.InvoiceIssued | typeof InvoicingEvents.CreditNoteIssued>,
  ) {
    return { outcome: await this.sales.execute(event.aggregateId) };
  }

  @OnEvent(InvoicingEvents.PaymentRecorded, QueueName.Accounting)
  async paymentRecorded(event: EventJob<typeof InvoicingEvents.PaymentRecorded>) {
    return {
      outcome: await this.payment.execute(event.payload.paymentId),
    };
  }

  @OnEvent(InvoicingEvents.PaymentReversed, QueueName.Accounting)
  async paymentReversed(event: EventJob<typeof InvoicingEvents.PaymentReversed>) {
    return {
      outcome: await this.reversal.execute(event.payload.paymentId),
    };
  }

  @OnEvent(PaymentsEvents.Refunded, QueueName.Accounting)
  async refunded(event: EventJob<typeof PaymentsEvents.Refunded>) {
    return {
      outcome: await this.refund.execute(event.aggregateId, event.payload.settledBy),
    };
  }

  @OnEvent(PaymentsEvents.LateRefunded, QueueName.Accounting)
  async lateRefunded(event: EventJob<typeof PaymentsEvents.LateRefunded>) {
    return {
      outcome: await this.latePayment.execute(event.aggregateId, event.payload.amountCents),
    };
  }

  @OnEvent(PaymentsEvents.FeeRecorded, QueueName.Accounting)
  async feeRecorded(event: EventJob<typeof PaymentsEvents.FeeRecorded>) {
    return { outcome: await this.fee.execute(event.aggregateId, event.payload.feeCents) };
  }

  @OnEvent(PaymentsEvents.PayoutPaid, QueueName.Accounting)
  async payoutPaid(event: EventJob<typeof PaymentsEvents.PayoutPaid>) {
    return { outcome: await this.payout.execute(event.payload.payoutId) };
  }

  @OnEvent(ReconciliationEvents.AllocationMade, QueueName.Accounting)
  async allocationMade(event: EventJob<typeof ReconciliationEvents.AllocationMade>) {
    return {
      outcome: await this.allocation.execute(event.aggregateId),
    };
  }

  @OnEvent(ReconciliationEvents.AllocationUndone, QueueName.Accounting)
  async allocationUndone(event: EventJob<typeof ReconciliationEvents.AllocationUndone>) {
    return {
      outcome: await this.undone.execute(event.aggregateId),
    };
  }
}
