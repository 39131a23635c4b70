import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Stripe from 'stripe';
import { DataSource, EntityManager } from 'typeorm';
import {
  BookingPaymentFactsService,
  ConfirmBookingUseCase,
  ExpireUnpaidBookingUseCase,
} from '@mutualis/booking';
import { OutboxService } from '@mutualis/core';
import { Payment } from '../../entities/payment.entity';
import { PaymentRepository } from '../../repositories/payment.repository';
import { StripeRecordRepository } from '../../repositories/stripe-record.repository';
import { PaymentLedgerService } from '../../services/payment-ledger.service';
import { RefundService } from '../../services/refund.service';
import { PaymentsEvents } from '../../payments.events';

/**
 * Applies a stored Stripe event, once. Events may come twice or out of order: each change is a
 * transition of the payment that is ignored when no longer valid (an `expired` after a
 * `completed` changes nothing), and a booking is never confirmed once cancelled or expired —
 * that money is refunded automatically and the member told.
 */
@Injectable()
export class ApplyStripeEventUseCase {
  private readonly logger = new Logger(ApplyStripeEventUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly payments: PaymentRepository,
    private readonly records: StripeRecordRepository,
    private readonly bookings: BookingPaymentFactsService,
    private readonly confirm: ConfirmBookingUseCase,
    private readonly expireUnpaid: ExpireUnpaidBookingUseCase,
    private readonly refunds: RefundService,
    private readonly ledger: PaymentLedgerService,
    private readonly outbox: OutboxService,
  ) {}

  async execute(stripeEventId: string): Promise<string> {
    const after: (() => Promise<unknown>)[] = [];
    const outcome = await this.dataSource.transaction(async (manager) => {
      const stored = await this.records.lockEvent(stripeEventId, manager);
      if (!stored) return 'unknown_event';
      const event = stored.payload as unknown as Stripe.Event;
      if (stored.processedAt) {
        // A retry: the event's change is committed, but what follows the commit may not have
        // run (a worker that died, a call to Stripe that failed). The charge is fetched again
        // (idempotent), so a payment's fee never goes missing from the books.
        const payment = await this.paidSessionPayment(event, manager);
        if (payment) after.push(() => this.ledger.recordCharge(payment.id));
        return stored.outcome ?? 'already_processed';
      }
      const result = await this.apply(event, manager, after);
      await this.records.markEventProcessed(stripeEventId, result, manager);
      return result;
    });
    for (const work of after) await work();
    this.logger.log({ stripeEventId, outcome }, 'stripe event applied');
    return outcome;
  }

  private async apply(
    event: Stripe.Event,
    manager: EntityManager,
    after: (() => Promise<unknown>)[],
  ): Promise<string> {
    switch (event.type) {
      case 'checkout.session.completed':
      case 'checkout.session.async_payment_succeeded': {
        const session = event.data.object;
        if (session.payment_status !== 'paid') return this.markProcessing(session, manager);
        return this.paid(session, new Date(event.created * 1000), manager, after);
      }
      case 'checkout.session.async_payment_failed':
        return this.failed(event.data.object, 'the SEPA debit failed', manager, after);
      case 'checkout.session.expired': {
        const payment = await this.payments.bySessionForUpdate(event.data.object.id, manager);
        if (!payment || !['pending', 'processing'].includes(payment.status)) return 'ignored';
        await this.payments.update(payment.id, { status: 'expired' }, manager);
        return 'expired';
      }
      case 'payment_intent.payment_failed': {
        const intent = event.data.object;
        const payment = await this.payments.byPaymentIntentForUpdate(intent.id, manager);
        if (!payment || !['pending', 'processing'].includes(payment.status)) return 'ignored';
        await this.payments.update(
          payment.id,
          { status: 'failed', failureReason: intent.last_payment_error?.message ?? 'failed' },
          manager,
        );
        return 'failed';
      }
      case 'charge.refunded': {
        const charge = event.data.object;
        const intentId = idOf(charge.payment_intent);
        const payment = intentId
          ? await this.payments.byPaymentIntentForUpdate(intentId, manager)
          : null;
        if (!payment) return 'ignored';
        const refunded = Math.min(charge.amount_refunded, payment.amountCents);
        if (refunded <= payment.amountRefundedCents) return 'ignored';
        await this.payments.update(
          payment.id,
          {
            amountRefundedCents: refunded,
            status: refunded >= payment.amountCents ? 'refunded' : 'partially_refunded',
          },
          manager,
        );
        return 'refund_recorded';
      }
      case 'charge.dispute.created': {
        const dispute = event.data.object;
        const intentId = idOf(dispute.payment_intent);
        const payment = intentId
          ? await this.payments.byPaymentIntentForUpdate(intentId, manager)
          : null;
        if (!payment) return 'ignored';
        await this.payments.update(payment.id, { status: 'disputed' }, manager);
        await this.outbox.record(manager, {
          type: PaymentsEvents.Disputed,
          aggregateType: 'payment',
          aggregateId: payment.id,
          payload: {
            bookingId: payment.bookingId,
            invoiceId: payment.invoiceId,
            amountCents: dispute.amount,
          },
        });
        return 'disputed';
      }
      case 'payout.paid': {
        // Kept here; detailing it calls Stripe, so it runs after the commit, as its own job.
        const payout = event.data.object;
        const kept = await this.records.insertPayoutOnce(
          {
            id: payout.id,
            amountCents: payout.amount,
            currency: payout.currency,
            arrivalEpochSeconds: payout.arrival_date,
          },
          manager,
        );
        if (!kept) return 'already_recorded';
        await this.outbox.record(manager, {
          type: PaymentsEvents.PayoutPaid,
          // Stripe's ids are not UUIDs: the event names the payout in its payload.
          aggregateType: 'stripe_payout',
          aggregateId: randomUUID(),
          payload: { payoutId: payout.id, amountCents: payout.amount },
        });
        return 'payout_recorded';
      }
      default:
        return 'not_handled';
    }
  }

  /** The payment of a Checkout session the event says is paid, if any. */
  private async paidSessionPayment(
    event: Stripe.Event,
    manager: EntityManager,
  ): Promise<Payment | null> {
    if (
      event.type !== 'checkout.session.completed' &&
      event.type !== 'checkout.session.async_payment_succeeded'
    )
      return null;
    const session = event.data.object;
    if (session.payment_status !== 'paid') return null;
    const payment = await this.payments.bySessionForUpdate(session.id, manager);
    return payment?.status === 'succeeded' ? payment : null;
  }

  private async markProcessing(
    session: Stripe.Checkout.Session,
    manager: EntityManager,
  ): Promise<string> {
    const payment = await this.payments.bySessionForUpdate(session.id, manager);
    if (!payment || payment.status !== 'pending') return 'ignored';
    await this.payments.update(
      payment.id,
      { status: 'processing', method: 'sepa_debit', ...this.ids(session) },
      manager,
    );
    return 'processing';
  }

  private async paid(
    session: Stripe.Checkout.Session,
    succeededAt: Date,
    manager: EntityManager,
    after: (() => Promise<unknown>)[],
  ): Promise<string> {
    const payment = await this.payments.bySessionForUpdate(session.id, manager);
    if (!payment) return 'unknown_session';
    if (payment.status === 'succeeded' || payment.status.includes('refunded')) return 'ignored';
    await this.payments.update(
      payment.id,
      {
        status: 'succeeded',
        succeededAt,
        amountCents: session.amount_total ?? payment.amountCents,
        method: payment.method ?? 'card',
        ...this.ids(session),
      },
      manager,
    );
    after.push(() => this.ledger.recordCharge(payment.id));
    const amountCents = session.amount_total ?? payment.amountCents;
    if (payment.bookingId === null) {
      // A payment of an issued invoice alone (a cotisation): invoicing records it against that
      // invoice, which moves its status and announces `invoice.payment-recorded`.
      await this.outbox.record(manager, {
        type: PaymentsEvents.Succeeded,
        aggregateType: 'payment',
        aggregateId: payment.id,
        payload: {
          bookingId: null,
          invoiceId: payment.invoiceId,
          amountCents,
          method: payment.method ?? 'card',
        },
      });
      return 'invoice_paid';
    }
    const booking = await this.bookings.forPayment(payment.bookingId, manager);
    if (
      booking.status === 'pending_payment' ||
      booking.status === 'offered' ||
      booking.status === 'confirmed'
    ) {
      // The money counts against the booking's invoice (issued from the confirmation).
      await this.outbox.record(manager, {
        type: PaymentsEvents.Succeeded,
        aggregateType: 'payment',
        aggregateId: payment.id,
        payload: { bookingId: booking.bookingId, amountCents, method: payment.method ?? 'card' },
      });
    }
    if (booking.status === 'pending_payment' || booking.status === 'offered') {
      const method = payment.method ?? 'card';
      await this.confirm.within(manager, {
        bookingId: booking.bookingId,
        method,
        confirmedBy: null,
        // The invoice issued from this confirmation says what was paid, and when.
        ...(method === 'bank_transfer' ? {} : { paidCents: amountCents }),
      });
      return 'confirmed';
    }
    if (booking.status === 'confirmed') return 'already_confirmed';
    // Paid too late: the hold ran out or the booking was cancelled. Give the money back.
    const refund = await this.payments.createRefund(
      {
        paymentId: payment.id,
        bookingId: booking.bookingId,
        amountCents: session.amount_total ?? payment.amountCents,
        provider: 'stripe',
        status: 'pending',
        reason: `paid after the booking was ${booking.status}`,
        source: `late-payment:${payment.id}`,
      },
      manager,
    );
    if (refund) {
      await this.outbox.record(manager, {
        type: PaymentsEvents.LateRefunded,
        aggregateType: 'payment',
        aggregateId: payment.id,
        payload: {
          bookingId: booking.bookingId,
          organisationId: booking.organisationId,
          amountCents: refund.amountCents,
        },
      });
      after.push(() => this.refunds.send(refund.id));
    }
    return 'refunded_late_payment';
  }

  private async failed(
    session: Stripe.Checkout.Session,
    reason: string,
    manager: EntityManager,
    after: (() => Promise<unknown>)[],
  ): Promise<string> {
    const payment = await this.payments.bySessionForUpdate(session.id, manager);
    if (!payment || !['pending', 'processing'].includes(payment.status)) return 'ignored';
    await this.payments.update(payment.id, { status: 'failed', failureReason: reason }, manager);
    // An invoice paid alone stays due, payable again; a booking's seats go back to the session
    // (and its waitlist) once this transaction commits.
    const bookingId = payment.bookingId;
    if (bookingId !== null) after.push(() => this.expireUnpaid.execute(bookingId));
    return 'failed';
  }

  private ids(session: Stripe.Checkout.Session): Partial<Payment> {
    return {
      stripePaymentIntentId: idOf(session.payment_intent),
    };
  }
}

/** Stripe fields hold an id, or the expanded object carrying it. */
function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value.id;
}
