import { Injectable } from '@nestjs/common';
import { PaymentFacts, PaymentRepository, RefundFacts } from '../repositories/payment.repository';
import { StripePayout, StripeRecordRepository } from '../repositories/stripe-record.repository';

export type { PaymentFacts, RefundFacts };

/**
 * Payments, refunds and payouts by id, read by the accounting context to post them (instead of
 * the payments tables).
 */
@Injectable()
export class PaymentFactsService {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly records: StripeRecordRepository,
  ) {}

  payment(paymentId: string): Promise<PaymentFacts | null> {
    return this.payments.facts(paymentId);
  }

  refund(refundId: string): Promise<RefundFacts | null> {
    return this.payments.refundFacts(refundId);
  }

  payout(payoutId: string): Promise<StripePayout | null> {
    return this.records.payout(payoutId);
  }
}
