import { Injectable } from '@nestjs/common';
import { parisDate } from '@mutualis/core';
import { PaymentFactsService } from '@mutualis/payments';
import { unappliedMoneyEntry } from '../../posting/posting-rules';
import { InvoicePosting, PostingOutcome } from '../../services/invoice-posting';
import { lateKey } from '../../services/money-posting';

/**
 * Posts money Stripe took for a booking that had expired or been cancelled: it settles no
 * invoice, so the member's account is credited under the payment's own key (no VAT), and the
 * refund that follows is lettered with it.
 */
@Injectable()
export class PostLatePaymentUseCase {
  constructor(
    private readonly posting: InvoicePosting,
    private readonly payments: PaymentFactsService,
  ) {}

  async execute(stripePaymentId: string, amountCents: number): Promise<PostingOutcome> {
    const payment = await this.payments.payment(stripePaymentId);
    if (!payment) throw new Error(`payment ${stripePaymentId} not found`);
    const sourceKey = lateKey(stripePaymentId);
    return this.posting.run(async (scope) => {
      if (await scope.isPosted(sourceKey)) return 'already_posted';
      return scope.post(
        unappliedMoneyEntry({
          journal: 'ST',
          sourceKey,
          date: parisDate(payment.succeededAt ?? payment.createdAt),
          pieceRef: payment.stripePaymentIntentId ?? stripePaymentId,
          amountCents,
          organisationId: payment.organisationId,
          letteringKey: sourceKey,
          label: 'Paiement tardif, à rembourser',
        }),
      );
    });
  }
}
