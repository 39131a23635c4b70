import { Injectable } from '@nestjs/common';
import { AllocationLedgerService, PostingAllocation } from '@mutualis/reconciliation';
import { unappliedMoneyEntry } from '../../posting/posting-rules';
import { InvoicePosting, PostingOutcome } from '../../services/invoice-posting';
import { allocationKey, bankLineMovement, MoneyPosting } from '../../services/money-posting';
import { PostPayoutUseCase } from '../post-payout/post-payout.use-case';

export type AllocationPostingOutcome = PostingOutcome | 'posted_as_payment';

/**
 * Posts what a bank line's allocation records, dated by the bank's booking of the line and
 * referring to it: money kept as an organisation's credit (512 debit, 411 credit, lettered under
 * the allocation), a refund transfer the statement shows (411 debit, 512 credit), a Stripe
 * payout's arrival. An invoice paid is posted from its payment (invoice.payment-recorded).
 */
@Injectable()
export class PostBankAllocationUseCase {
  constructor(
    private readonly posting: InvoicePosting,
    private readonly money: MoneyPosting,
    private readonly allocations: AllocationLedgerService,
    private readonly payout: PostPayoutUseCase,
  ) {}

  async execute(allocationId: string): Promise<AllocationPostingOutcome> {
    const allocation = await this.allocation(allocationId);
    switch (allocation.kind) {
      case 'invoice':
        return 'posted_as_payment';
      case 'payout':
        return this.payout.execute(allocation.payoutId!);
      case 'refund':
        return this.money.postRefund(
          await this.money.refund(allocation.refundId!),
          bankLineMovement(allocationKey(allocationId), allocation.line),
        );
      case 'organisation_credit':
        return this.posting.run(async (scope) => {
          const sourceKey = allocationKey(allocationId);
          if (await scope.isPosted(sourceKey)) return 'already_posted';
          return scope.post(
            unappliedMoneyEntry({
              ...bankLineMovement(sourceKey, allocation.line),
              amountCents: allocation.amountCents,
              organisationId: allocation.organisationId!,
              letteringKey: sourceKey,
              label: 'Trop-perçu conservé en avoir',
            }),
          );
        });
    }
  }

  async allocation(allocationId: string): Promise<PostingAllocation> {
    const allocation = await this.allocations.postingAllocation(allocationId);
    if (!allocation) throw new Error(`bank allocation ${allocationId} not found`);
    return allocation;
  }
}
