import { Injectable } from '@nestjs/common';
import { BookingEvents } from '@mutualis/booking';
import {
  EventJob,
  HandledJob,
  jobAuditContext,
  OnEvent,
  QueueName,
  runWithAuditContext,
} from '@mutualis/core';
import { RecordInvoicePaymentUseCase } from '@mutualis/invoicing';
import { PaymentsEvents } from '../payments.events';
import { ApplyStripeEventUseCase } from '../use-cases/apply-stripe-event/apply-stripe-event.use-case';
import { RecordPayoutUseCase } from '../use-cases/record-payout/record-payout.use-case';
import { RefundCancellationUseCase } from '../use-cases/refund-cancellation/refund-cancellation.use-case';

/** Applies Stripe events and sends the refunds of cancellations; both idempotent, retried on failure. */
@Injectable()
export class PaymentsHandlers {
  constructor(
    private readonly applyStripeEvent: ApplyStripeEventUseCase,
    private readonly refundCancellation: RefundCancellationUseCase,
    private readonly recordPayout: RecordPayoutUseCase,
    private readonly recordInvoicePayment: RecordInvoicePaymentUseCase,
  ) {}

  @OnEvent(PaymentsEvents.StripeEventReceived, QueueName.Payments)
  async stripeEventReceived(event: EventJob<typeof PaymentsEvents.StripeEventReceived>) {
    return { outcome: await this.applyStripeEvent.execute(event.payload.stripeEventId) };
  }

  @OnEvent(PaymentsEvents.PayoutPaid, QueueName.Payments)
  payoutPaid(event: EventJob<typeof PaymentsEvents.PayoutPaid>) {
    return this.recordPayout.execute(event.payload.payoutId);
  }

  @OnEvent(BookingEvents.Cancelled, QueueName.Payments)
  async bookingCancelled(event: EventJob<typeof BookingEvents.Cancelled>) {
    return {
      outcome: await this.refundCancellation.execute(
        event.eventId,
        event.aggregateId,
        event.payload.refundCents,
      ),
    };
  }

  /**
   * The money counts against the booking's invoice. Run on the invoicing queue (invoicing's
   * work), declared here because invoicing, below payments in the layers, cannot name this event.
   */
  @OnEvent(PaymentsEvents.Succeeded, QueueName.Invoicing)
  paymentSucceeded(event: EventJob<typeof PaymentsEvents.Succeeded>, job: HandledJob) {
    const { bookingId, invoiceId } = event.payload;
    const payment = {
      source: `${PaymentsEvents.Succeeded}:${event.eventId}`,
      amountCents: event.payload.amountCents,
      method: event.payload.method === 'sepa_debit' ? ('sepa_debit' as const) : ('card' as const),
      // The Stripe payment, which the books date and refer to.
      reference: event.aggregateId,
    };
    return runWithAuditContext(jobAuditContext(job), async () => {
      // A payment of an invoice alone names it; a booking's counts against the booking's invoice.
      if (invoiceId)
        return { outcome: await this.recordInvoicePayment.forInvoice({ ...payment, invoiceId }) };
      if (!bookingId) throw new Error(`payment ${event.aggregateId} names no booking nor invoice`);
      return { outcome: await this.recordInvoicePayment.execute({ ...payment, bookingId }) };
    });
  }
}
