import { Injectable } from '@nestjs/common';
import { parisDate } from '@mutualis/core';
import { PaymentFactsService } from '@mutualis/payments';
import { stripeFeeEntry } from '../../posting/posting-rules';
import { InvoicePosting, PostingOutcome } from '../../services/invoice-posting';

/** Posts Stripe's fee on a payment (627 debit, 467 credit, in the Stripe journal), once. */
@Injectable()
export class PostStripeFeeUseCase {
  constructor(
    private readonly posting: InvoicePosting,
    private readonly payments: PaymentFactsService,
  ) {}

  async execute(stripePaymentId: string, feeCents: number): Promise<PostingOutcome> {
    const payment = await this.payments.payment(stripePaymentId);
    if (!payment) throw new Error(`payment ${stripePaymentId} not found`);
    const sourceKey = `stripe-fee:${stripePaymentId}`;
    return this.posting.run(async (scope) => {
      if (await scope.isPosted(sourceKey)) return 'already_posted';
      return scope.post(
        stripeFeeEntry({
          sourceKey,
          // Stripe takes its fee when it takes the payment.
          date: parisDate(payment.succeededAt ?? payment.createdAt),
          pieceRef:
            payment.stripeBalanceTransactionId ??
            payment.stripeChargeId ??
            payment.stripePaymentIntentId ??
            stripePaymentId,
          amountCents: feeCents,
          label: `Frais Stripe ${payment.stripeChargeId ?? payment.stripePaymentIntentId ?? ''}`,
        }),
      );
    });
  }
}
