import { Injectable } from '@nestjs/common';
import { PaymentFactsService } from '@mutualis/payments';
import { AllocationLedgerService } from '@mutualis/reconciliation';
import { payoutEntry } from '../../posting/posting-rules';
import { InvoicePosting, PostingOutcome } from '../../services/invoice-posting';

/**
 * Posts a Stripe payout (512 debit, 467 credit, in the bank journal, referring to the payout),
 * dated by the bank's booking of the statement line it is matched to, else by its arrival
 * date. Posted once, by whichever comes first: the payout, or its match to a bank line.
 */
@Injectable()
export class PostPayoutUseCase {
  constructor(
    private readonly posting: InvoicePosting,
    private readonly payments: PaymentFactsService,
    private readonly allocations: AllocationLedgerService,
  ) {}

  async execute(payoutId: string): Promise<PostingOutcome> {
    const payout = await this.payments.payout(payoutId);
    if (!payout) throw new Error(`payout ${payoutId} not found`);
    const line = await this.allocations.payoutLine(payoutId);
    const sourceKey = `payout:${payoutId}`;
    return this.posting.run(async (scope) => {
      if (await scope.isPosted(sourceKey)) return 'already_posted';
      return scope.post(
        payoutEntry({
          sourceKey,
          date: line?.bookingDate ?? payout.arrivalDate,
          pieceRef: payoutId,
          amountCents: payout.amountCents,
          label: `Virement Stripe ${payoutId}`,
        }),
      );
    });
  }
}
