import { Injectable } from '@nestjs/common';
import { parisDate } from '@mutualis/core';
import type { RefundSettlement } from '@mutualis/payments';
import { PostingOutcome } from '../../services/invoice-posting';
import { MoneyPosting } from '../../services/money-posting';

/**
 * Posts money given back to a member: through Stripe in the Stripe journal (411 debit, 467
 * credit, referring to Stripe's refund), or by a transfer finance marked made in the bank
 * journal (411 debit, 512 credit). A transfer matched to a statement line is posted from that
 * line's allocation instead, with the bank's date.
 */
@Injectable()
export class PostRefundUseCase {
  constructor(private readonly money: MoneyPosting) {}

  async execute(
    refundId: string,
    settledBy: RefundSettlement | undefined,
  ): Promise<PostingOutcome | 'posted_from_bank_line'> {
    if (settledBy === 'bank_allocation') return 'posted_from_bank_line';
    const refund = await this.money.refund(refundId);
    if (!refund.completedAt) throw new Error(`refund ${refundId} is not completed`);
    const stripe = refund.provider === 'stripe';
    return this.money.postRefund(refund, {
      journal: stripe ? 'ST' : 'BQ',
      sourceKey: `refund:${refundId}`,
      date: parisDate(refund.completedAt),
      pieceRef: refund.stripeRefundId ?? refundId,
    });
  }
}
