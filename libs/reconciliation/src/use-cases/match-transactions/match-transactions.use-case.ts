import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OrganisationDirectoryService } from '@mutualis/identity';
import { InvoiceLedgerService } from '@mutualis/invoicing';
import { OpenRefundsService, StripePayoutsService } from '@mutualis/payments';
import {
  decideCredit,
  decideDebit,
  decidePayout,
  leftToAllocate,
  mayBeStripePayout,
  MatchDecision,
  OpenInvoiceIndex,
  PlannedAllocation,
  RefundToMatch,
} from '../../matching/match-decision';
import { BankAllocationRepository } from '../../repositories/bank-allocation.repository';
import {
  BankTransactionRepository,
  OpenBankLine,
} from '../../repositories/bank-transaction.repository';
import { inSavepoint } from '../../repositories/savepoint';
import { AllocationService, AutomaticLineAllocation } from '../../services/allocation.service';

export interface MatchCounts {
  matched: number;
  suggested: number;
  unmatched: number;
}

const BATCH = 200;

/**
 * Matches bank lines with what they settle (the decision is `matching/match-decision.ts`): loads
 * the open lines, invoices, refund instructions and Stripe payouts, decides line by line, then
 * persists each batch in one transaction: suggestions and statuses, and the allocations.
 * Open invoices are read once and indexed, so the run grows with the number of lines, not with
 * lines × invoices.
 */
@Injectable()
export class MatchTransactionsUseCase {
  private readonly logger = new Logger(MatchTransactionsUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: BankTransactionRepository,
    private readonly allocationRecords: BankAllocationRepository,
    private readonly ledger: InvoiceLedgerService,
    private readonly allocations: AllocationService,
    private readonly refunds: OpenRefundsService,
    private readonly organisations: OrganisationDirectoryService,
    private readonly payouts: StripePayoutsService,
  ) {}

  /** Matches the given lines, or every credit not yet fully allocated. */
  async execute(transactionIds?: string[]): Promise<MatchCounts> {
    const lines = await this.transactions.openForMatching(transactionIds);
    const index = new OpenInvoiceIndex(await this.ledger.openInvoices());
    const refunds = await this.openRefunds();
    const counts: MatchCounts = { matched: 0, suggested: 0, unmatched: 0 };
    for (let start = 0; start < lines.length; start += BATCH) {
      const batch = lines.slice(start, start + BATCH);
      const payouts = await this.payoutsFor(batch);
      const decisions = batch.map((line) => ({
        line,
        decision:
          line.direction === 'debit'
            ? decideDebit(line, refunds)
            : (payouts.get(line.id) ?? decideCredit(line, index)),
      }));
      await this.persist(decisions, counts);
    }
    return counts;
  }

  /** Credits from Stripe of exactly a payout's amount not yet matched: the bank sees one amount for the whole payout. */
  private async payoutsFor(batch: OpenBankLine[]): Promise<Map<string, MatchDecision>> {
    const decisions = new Map<string, MatchDecision>();
    const fromStripe = batch.filter(mayBeStripePayout);
    if (fromStripe.length === 0) return decisions;
    // Payouts already matched, and those this batch takes, are not offered again.
    const taken = new Set(await this.allocationRecords.matchedPayoutIds());
    for (const line of fromStripe) {
      const ofAmount = await this.payouts.byAmount(leftToAllocate(line));
      const decision = decidePayout(
        line,
        ofAmount.map((payout) => payout.payoutId),
        taken,
      );
      if (decision) decisions.set(line.id, decision);
    }
    return decisions;
  }

  private async openRefunds(): Promise<RefundToMatch[]> {
    const refunds = await this.refunds.list();
    const names = await this.organisations.legalNamesOf(
      refunds.map((refund) => refund.organisationId),
    );
    return refunds.map((refund) => ({
      refundId: refund.refundId,
      organisationId: refund.organisationId,
      amountCents: refund.amountCents,
      organisationName: names.get(refund.organisationId) ?? '',
      taken: false,
    }));
  }

  private async persist(
    decisions: { line: OpenBankLine; decision: MatchDecision }[],
    counts: MatchCounts,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const ids = decisions.map(({ line }) => line.id);
      await this.allocationRecords.replaceSuggestions(
        ids,
        decisions.flatMap(({ line, decision }) =>
          decision.kind === 'suggest'
            ? decision.suggestions.map((suggestion) => ({ transactionId: line.id, ...suggestion }))
            : [],
        ),
        manager,
      );
      const suggested = decisions
        .filter(({ decision }) => decision.kind === 'suggest' && decision.suggestions.length > 0)
        .map(({ line }) => line.id);
      await this.transactions.markMatchOutcome(ids, suggested, manager);
      const perLine: { line: OpenBankLine; allocations: PlannedAllocation[] }[] = [];
      const together: { line: OpenBankLine; allocations: AutomaticLineAllocation }[] = [];
      for (const { line, decision } of decisions) {
        if (decision.kind === 'suggest') {
          if (decision.suggestions.length > 0) counts.suggested++;
          else counts.unmatched++;
        } else if (
          decision.allocations.every(
            (allocation) =>
              !allocation.refundId && !allocation.payoutId && allocation.organisationId,
          )
        ) {
          together.push({
            line,
            allocations: {
              transactionId: line.id,
              allocations: decision.allocations.map((allocation) => ({
                invoiceId: allocation.invoiceId,
                organisationId: allocation.organisationId!,
                amountCents: allocation.amountCents,
              })),
            },
          });
        } else {
          perLine.push({ line, allocations: decision.allocations });
        }
      }
      perLine.unshift(...(await this.allocateTogether(together, counts, manager)));
      await this.allocateOneByOne(perLine, counts, manager);
    });
  }

  /**
   * Invoices and credits of the whole batch in a few statements. Should that fail for a reason
   * the checks did not foresee, answers the lines, to be taken one by one.
   */
  private async allocateTogether(
    together: { line: OpenBankLine; allocations: AutomaticLineAllocation }[],
    counts: MatchCounts,
    manager: EntityManager,
  ): Promise<{ line: OpenBankLine; allocations: PlannedAllocation[] }[]> {
    if (together.length === 0) return [];
    let outcomes: (Error | null)[] = [];
    const attempt = await inSavepoint(manager, 'lines', async () => {
      outcomes = await this.allocations.allocateAutomatically(
        together.map((line) => line.allocations),
        manager,
      );
    });
    if (attempt.failed) {
      this.logger.warn(
        { lines: together.length, error: String(attempt.error) },
        'allocating the batch at once failed: allocating its lines one by one',
      );
      return together.map(({ line, allocations }) => ({
        line,
        allocations: allocations.allocations,
      }));
    }
    together.forEach(({ line }, index) => {
      const refused = outcomes[index];
      if (!refused) {
        counts.matched++;
        return;
      }
      this.logger.warn(
        { transactionId: line.id, error: String(refused) },
        'left for a person: the automatic allocation failed',
      );
      counts.unmatched++;
    });
    return [];
  }

  private async allocateOneByOne(
    perLine: { line: OpenBankLine; allocations: PlannedAllocation[] }[],
    counts: MatchCounts,
    manager: EntityManager,
  ): Promise<void> {
    for (const { line, allocations } of perLine) {
      // Each line in a savepoint: a line that cannot be allocated (an invoice paid meanwhile)
      // is left for a person without undoing the rest of the batch.
      const attempt = await inSavepoint(manager, 'line', async () => {
        for (const allocation of allocations) {
          await this.allocations.allocate(
            {
              transactionId: line.id,
              invoiceId: allocation.invoiceId,
              refundId: allocation.refundId ?? null,
              payoutId: allocation.payoutId ?? null,
              organisationId: allocation.organisationId,
              amountCents: allocation.amountCents,
              actorId: null,
            },
            manager,
          );
        }
      });
      if (!attempt.failed) {
        counts.matched++;
        continue;
      }
      this.logger.warn(
        { transactionId: line.id, error: String(attempt.error) },
        'left for a person: the automatic allocation failed',
      );
      counts.unmatched++;
    }
  }
}
