import { Injectable } from '@nestjs/common';
import { parisDate } from '@mutualis/core';
import { counterEntry } from '../../posting/posting-rules';
import { InvoicePosting, PostingOutcome, PostingScope } from '../../services/invoice-posting';
import { allocationKey, MoneyPosting, undoneAllocationKey } from '../../services/money-posting';
import { PostBankAllocationUseCase } from '../post-bank-allocation/post-bank-allocation.use-case';

export type UndonePostingOutcome = PostingOutcome | 'reversed_as_payment' | 'nothing_to_reverse';

/**
 * Posts the counter-entry of an allocation undone: the money kept as credit, or the refund
 * transfer, was not this bank line's. Its entry stays (posted first if its event has not come
 * yet) and its mirror is dated the day of the undo. An invoice payment's reversal is posted
 * from invoice.payment-reversed; a payout stays posted, since the payout did reach the bank
 * (only the line it was matched to was wrong).
 */
@Injectable()
export class PostUndoneAllocationUseCase {
  constructor(
    private readonly posting: InvoicePosting,
    private readonly money: MoneyPosting,
    private readonly made: PostBankAllocationUseCase,
  ) {}

  async execute(allocationId: string): Promise<UndonePostingOutcome> {
    const allocation = await this.made.allocation(allocationId);
    if (allocation.kind === 'invoice') return 'reversed_as_payment';
    if (allocation.kind === 'payout') return 'nothing_to_reverse';
    if (!allocation.undoneAt) throw new Error(`bank allocation ${allocationId} is not undone`);
    const undoneOn = parisDate(allocation.undoneAt);
    // Its own entry first (idempotent), then its mirror under the same lock as the refund's.
    await this.made.execute(allocationId);
    const counter = async (scope: PostingScope): Promise<PostingOutcome> => {
      const sourceKey = undoneAllocationKey(allocationId);
      if (await scope.isPosted(sourceKey)) return 'already_posted';
      const original = await this.money.posted(scope, allocationKey(allocationId));
      return scope.post(
        counterEntry(original, {
          sourceKey,
          date: undoneOn,
          label: `Annulation du rapprochement ${original.pieceRef}`,
        }),
      );
    };
    if (allocation.kind === 'refund') {
      return this.money.inRefundScope(await this.money.refund(allocation.refundId!), counter);
    }
    return this.posting.run(counter);
  }
}
