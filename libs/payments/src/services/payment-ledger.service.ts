import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { OutboxService } from '@mutualis/core';
import { Payment } from '../entities/payment.entity';
import { StripeGateway } from './stripe-gateway';
import { feeRecordedEvent } from './stripe-fee-event';

/**
 * Completes a payment's trail once Stripe has charged: the charge, its balance transaction and
 * Stripe's fee, so finance can follow each euro from booking to payout.
 */
@Injectable()
export class PaymentLedgerService {
  private readonly logger = new Logger(PaymentLedgerService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stripe: StripeGateway,
    private readonly outbox: OutboxService,
  ) {}

  async recordCharge(paymentId: string): Promise<void> {
    const payment = await this.dataSource.manager.findOne(Payment, { where: { id: paymentId } });
    if (!payment?.stripePaymentIntentId || payment.stripeBalanceTransactionId) return;
    const intent = await this.stripe
      .require()
      .paymentIntents.retrieve(payment.stripePaymentIntentId, {
        expand: ['latest_charge.balance_transaction'],
      });
    const charge = intent.latest_charge;
    if (!charge || typeof charge === 'string') return;
    const balance = charge.balance_transaction;
    const feeCents = balance && typeof balance !== 'string' ? balance.fee : null;
    // Once, with the fee announced in the same transaction, so the books cannot miss it.
    await this.dataSource.transaction(async (manager) => {
      const updated = await manager.update(
        Payment,
        { id: payment.id, stripeBalanceTransactionId: IsNull() },
        {
          stripeChargeId: charge.id,
          stripeBalanceTransactionId: typeof balance === 'string' ? balance : (balance?.id ?? null),
          stripeFeeCents: feeCents,
        },
      );
      if (updated.affected === 1 && feeCents !== null && feeCents > 0)
        await this.outbox.record(manager, feeRecordedEvent(payment.id, feeCents));
    });
    this.logger.log({ paymentId, chargeId: charge.id }, 'payment charge recorded');
  }
}
