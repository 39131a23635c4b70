import { Injectable } from '@nestjs/common';
import { InvoicePosting, PostingOutcome } from '../../services/invoice-posting';
import { MoneyPosting } from '../../services/money-posting';

/**
 * Posts a payment recorded against an invoice: card and SEPA in the Stripe journal (467 debit,
 * 411 credit, dated when Stripe took the money, referring to Stripe's payment), transfers,
 * cheques and mandates in the bank journal (512 debit, 411 credit, dated by the bank's booking
 * of the statement line it was matched to, referring to that line). Its share of the invoice's
 * VAT moves from pending to collected.
 */
@Injectable()
export class PostInvoicePaymentUseCase {
  constructor(
    private readonly posting: InvoicePosting,
    private readonly money: MoneyPosting,
  ) {}

  async execute(paymentId: string): Promise<PostingOutcome> {
    const payment = await this.money.invoicePayment(paymentId);
    const money = await this.money.paymentMoney(payment);
    return this.posting.forInvoice(payment.invoiceId, (scope) =>
      this.money.postPayment(scope, money),
    );
  }
}
