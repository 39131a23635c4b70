import { Injectable } from '@nestjs/common';
import { OrganisationDirectoryService } from '@mutualis/identity';
import {
  BankAllocationRepository,
  BankLineReference,
  PostingAllocation,
} from '../repositories/bank-allocation.repository';

export type { BankLineReference, PostingAllocation };

export type AllocationKind = 'organisation_credit' | 'refund' | 'payout';

export interface LiveAllocation {
  /** Empty for a payout, which belongs to no single organisation. */
  organisationId: string;
  organisationName: string;
  transactionId: string;
  refundId: string;
  payoutId: string;
  cents: number;
  /** Paris calendar date of the allocation. */
  on: string;
}

/** Allocations still standing (not undone), for receivables and the accounting export. */
@Injectable()
export class AllocationLedgerService {
  constructor(
    private readonly allocations: BankAllocationRepository,
    private readonly organisations: OrganisationDirectoryService,
  ) {}

  /** Of one kind, optionally of one organisation and within [from, to] (Paris dates). */
  async live(
    kind: AllocationKind,
    filter: { organisationId?: string; from?: string; to?: string } = {},
  ): Promise<LiveAllocation[]> {
    const rows = await this.allocations.live(kind, filter);
    const names = await this.organisations.legalNamesOf(
      rows.flatMap((row) => (row.organisationId ? [row.organisationId] : [])),
    );
    return rows.map((row) => ({
      organisationId: row.organisationId ?? '',
      organisationName: names.get(row.organisationId ?? '') ?? '',
      transactionId: row.transactionId,
      refundId: row.refundId ?? '',
      payoutId: row.payoutId ?? '',
      cents: row.cents,
      on: row.on,
    }));
  }

  /** An allocation, undone or not, with its bank line's booking date and reference, for the journal. */
  postingAllocation(allocationId: string): Promise<PostingAllocation | null> {
    return this.allocations.postingAllocation(allocationId);
  }

  /** The bank line a Stripe payout is matched to, if it is. */
  payoutLine(payoutId: string): Promise<BankLineReference | null> {
    return this.allocations.payoutLine(payoutId);
  }
}
