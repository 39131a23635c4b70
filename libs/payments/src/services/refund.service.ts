import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainEvent, OutboxService } from '@mutualis/core';
import { Payment } from '../entities/payment.entity';
import { PaymentRepository } from '../repositories/payment.repository';
import { StripeGateway } from './stripe-gateway';
import { PaymentsEvents, RefundSettlement } from '../payments.events';

/** Sends pending Stripe refunds, with the refund's id as idempotency key: a retry refunds once. */
@Injectable()
export class RefundService {
  private readonly logger = new Logger(RefundService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly payments: PaymentRepository,
    private readonly stripe: StripeGateway,
    private readonly outbox: OutboxService,
  ) {}

  async send(refundId: string): Promise<void> {
    const refund = await this.payments.findRefund(refundId);
    if (!refund || refund.status !== 'pending' || refund.provider !== 'stripe') return;
    const payment = await this.dataSource.manager.findOneOrFail(Payment, {
      where: { id: refund.paymentId },
    });
    const sent = await this.stripe.require().refunds.create(
      {
        payment_intent: payment.stripePaymentIntentId!,
        amount: refund.amountCents,
        reason: 'requested_by_customer',
        metadata: { refund_id: refund.id, booking_id: refund.bookingId },
      },
      { idempotencyKey: `refund-${refund.id}` },
    );
    await this.dataSource.transaction(async (manager) => {
      await this.payments.updateRefund(
        refund.id,
        // Stripe's date for the money given back (the books post the refund on it), not the
        // moment this job ran: a retried job finds the refund Stripe made earlier.
        {
          status: 'succeeded',
          stripeRefundId: sent.id,
          completedAt: new Date(sent.created * 1000),
        },
        manager,
      );
      const refunded = payment.amountRefundedCents + refund.amountCents;
      await this.payments.update(
        payment.id,
        {
          amountRefundedCents: refunded,
          status: refunded >= payment.amountCents ? 'refunded' : 'partially_refunded',
        },
        manager,
      );
      await this.outbox.record(
        manager,
        refundedEvent(refund.id, refund.bookingId, refund.amountCents, 'card', 'stripe'),
      );
    });
    this.logger.log(
      { refundId: refund.id, stripeRefundId: sent.id, amountCents: refund.amountCents },
      'refund sent',
    );
  }
}

/** Announces money sent back to a member, by card (Stripe) or by the Chambre's transfer. */
export function refundedEvent(
  refundId: string,
  bookingId: string,
  amountCents: number,
  method: 'card' | 'bank_transfer',
  settledBy: RefundSettlement,
): DomainEvent {
  return {
    type: PaymentsEvents.Refunded,
    aggregateType: 'refund',
    aggregateId: refundId,
    payload: { bookingId, amountCents, method, settledBy },
  };
}
