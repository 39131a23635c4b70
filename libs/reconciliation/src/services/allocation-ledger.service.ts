import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OrganisationDirectoryService } from '@mutualis/identity';

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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organisations: OrganisationDirectoryService,
  ) {}

  /** Of one kind, optionally of one organisation and within [from, to] (Paris dates). */
  async live(
    kind: AllocationKind,
    filter: { organisationId?: string; from?: string; to?: string } = {},
  ): Promise<LiveAllocation[]> {
    const conditions = [`kind = $1`, `undone_at IS NULL`];
    const parameters: unknown[] = [kind];
    if (filter.organisationId) {
      parameters.push(filter.organisationId);
      conditions.push(`organisation_id = $${parameters.length}`);
    }
    if (filter.from) {
      parameters.push(filter.from);
      conditions.push(
        `created_at >= ($${parameters.length}::date::timestamp AT TIME ZONE 'Europe/Paris')`,
      );
    }
    if (filter.to) {
      parameters.push(filter.to);
      conditions.push(
        `created_at < (($${parameters.length}::date + 1)::timestamp AT TIME ZONE 'Europe/Paris')`,
      );
    }
    const rows = await this.dataSource.query<
      {
        organisation_id: string | null;
        transaction_id: string;
        refund_id: string | null;
        payout_id: string | null;
        cents: string;
        on: string;
      }[]
    >(
      `SELECT organisation_id, transaction_id, refund_id, payout_id, amount_cents AS cents,
              (created_at AT TIME ZONE 'Europe/Paris')::date::text AS on
         FROM bank_allocations
        WHERE ${conditions.join(' AND ')}
        ORDER BY created_at, id`,
      parameters,
    );
    const names = await this.organisations.legalNamesOf(
      rows.flatMap((row) => (row.organisation_id ? [row.organisation_id] : [])),
    );
    return rows.map((row) => ({
      organisationId: row.organisation_id ?? '',
      organisationName: names.get(row.organisation_id ?? '') ?? '',
      transactionId: row.transaction_id,
      refundId: row.refund_id ?? '',
      payoutId: row.payout_id ?? '',
      cents: Number(row.cents),
      on: row.on,
    }));
  }
}
