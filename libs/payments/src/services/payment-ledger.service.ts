import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Payment } from '../entities/payment.entity';
import { PaymentRepository } from '../repositories/payment.repository';
import { StripeGateway } from './stripe-gateway';

/**
 * Completes a payment's trail once Stripe has charged: the charge, its balance transaction and
 * Stripe's fee, so finance can follow each euro from booking to payout.
 */
@Injectable()
export class PaymentLedgerService {
  private readonly logger = new Logger(PaymentLedgerService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly payments: PaymentRepository,
    private readonly stripe: StripeGateway,
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
    await this.payments.update(payment.id, {
      stripeChargeId: charge.id,
      stripeBalanceTransactionId: typeof balance === 'string' ? balance : (balance?.id ?? null),
      stripeFeeCents: balance && typeof balance !== 'string' ? balance.fee : null,
    });
    this.logger.log({ paymentId, chargeId: charge.id }, 'payment charge recorded');
  }
}
