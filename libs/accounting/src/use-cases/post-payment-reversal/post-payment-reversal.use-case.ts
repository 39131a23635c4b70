import { Injectable } from '@nestjs/common';
import { parisDate } from '@mutualis/core';
import { counterEntry } from '../../posting/posting-rules';
import { InvoicePosting, PostingOutcome } from '../../services/invoice-posting';
import { MoneyPosting } from '../../services/money-posting';

/**
 * Posts the counter-entry of a payment reversed (an allocation undone): the payment's own entry
 * stays (posted first if its event has not come yet), and its mirror, dated the day of the
 * reversal, gives back what it moved, VAT included. The invoice's lettering ends.
 */
@Injectable()
export class PostPaymentReversalUseCase {
  constructor(
    private readonly posting: InvoicePosting,
    private readonly money: MoneyPosting,
  ) {}

  async execute(paymentId: string): Promise<PostingOutcome> {
    const payment = await this.money.invoicePayment(paymentId);
    if (!payment.reversedAt) throw new Error(`invoice payment ${paymentId} is not reversed`);
    const reversedOn = parisDate(payment.reversedAt);
    const money = await this.money.paymentMoney(payment);
    return this.posting.forInvoice(payment.invoiceId, async (scope) => {
      const sourceKey = `payment-reversal:${paymentId}`;
      if (await scope.isPosted(sourceKey)) return 'already_posted';
      await this.money.postPayment(scope, money);
      const original = await this.money.posted(scope, money.sourceKey);
      return scope.post(
        counterEntry(original, {
          sourceKey,
          date: reversedOn,
          label: `Annulation règlement ${payment.invoiceNumber}`,
        }),
      );
    });
  }
}
