import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { centsFromRow } from '@mutualis/core';
import type { MatchReason } from '../matching/match-scoring';

export type AllocationRecordKind = 'invoice' | 'organisation_credit' | 'refund' | 'payout';

/** An allocation still standing, as the workbench shows it under its line. */
export interface StandingAllocation {
  id: string;
  transactionId: string;
  kind: AllocationRecordKind;
  invoiceId: string | null;
  refundId: string | null;
  payoutId: string | null;
  organisationId: string | null;
  amountCents: number;
  automatic: boolean;
  createdAt: Date;
}

/** A new allocation of one line (a person's, or the matcher's when createdBy is null). */
export interface NewAllocation {
  id: string;
  transactionId: string;
  kind: AllocationRecordKind;
  invoiceId: string | null;
  refundId: string | null;
  payoutId: string | null;
  organisationId: string | null;
  amountCents: number;
  createdBy: string | null;
}

/** One of the matcher's allocations: an invoice paid, or without one the organisation's credit. */
export interface AutomaticAllocation {
  id: string;
  transactionId: string;
  invoiceId: string | null;
  organisationId: string;
  amountCents: number;
}

/** A live allocation of one kind, for receivables and the accounting export. */
export interface LiveAllocationRow {
  organisationId: string | null;
  transactionId: string;
  refundId: string | null;
  payoutId: string | null;
  cents: number;
  /** Paris calendar date of the allocation. */
  on: string;
}

/** An allocation as the books post it, with the bank line it took money from (or to). */
export interface PostingAllocation {
  allocationId: string;
  kind: AllocationRecordKind;
  invoiceId: string | null;
  refundId: string | null;
  payoutId: string | null;
  organisationId: string | null;
  amountCents: number;
  createdAt: Date;
  undoneAt: Date | null;
  line: BankLineReference;
}

/** Where a bank line is in the bank's own books. */
export interface BankLineReference {
  transactionId: string;
  /** The bank's booking date, YYYY-MM-DD. */
  bookingDate: string;
  /** The bank's reference of the line, when the statement gave one. */
  bankReference: string | null;
}

/** A ranked suggestion for a line: an invoice for a credit, or a refund instruction for a debit. */
export interface StoredSuggestion {
  transactionId: string;
  invoiceId: string | null;
  refundId: string | null;
  score: number;
  reasons: MatchReason[];
}

/** Allocations of bank lines and the matcher's suggestions. */
@Injectable()
export class BankAllocationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(allocation: NewAllocation, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO bank_allocations (id, transaction_id, kind, invoice_id, refund_id, payout_id, organisation_id,
                                     amount_cents, automatic, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        allocation.id,
        allocation.transactionId,
        allocation.kind,
        allocation.invoiceId,
        allocation.refundId,
        allocation.payoutId,
        allocation.organisationId,
        allocation.amountCents,
        allocation.createdBy === null,
        allocation.createdBy,
      ],
    );
  }

  /** The matcher's invoice and credit allocations of many lines, in one statement. */
  async insertAutomatic(rows: AutomaticAllocation[], manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO bank_allocations (id, transaction_id, kind, invoice_id, organisation_id, amount_cents, automatic)
       SELECT id, transaction_id, CASE WHEN invoice_id IS NULL THEN 'organisation_credit' ELSE 'invoice' END,
              invoice_id, organisation_id, amount_cents, true
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::bigint[])
              AS t(id, transaction_id, invoice_id, organisation_id, amount_cents)`,
      [
        rows.map((row) => row.id),
        rows.map((row) => row.transactionId),
        rows.map((row) => row.invoiceId),
        rows.map((row) => row.organisationId),
        rows.map((row) => row.amountCents),
      ],
    );
  }

  /** One allocation of a line, locked until the caller's transaction ends. */
  async lockOfLine(
    allocationId: string,
    transactionId: string,
    manager: EntityManager,
  ): Promise<{
    id: string;
    kind: AllocationRecordKind;
    invoiceId: string | null;
    refundId: string | null;
    amountCents: number;
    undoneAt: Date | null;
  } | null> {
    const [row] = await manager.query<
      {
        id: string;
        kind: AllocationRecordKind;
        invoice_id: string | null;
        refund_id: string | null;
        amount_cents: string;
        undone_at: Date | null;
      }[]
    >(
      `SELECT id, kind, invoice_id, refund_id, amount_cents, undone_at FROM bank_allocations
        WHERE id = $1 AND transaction_id = $2 FOR UPDATE`,
      [allocationId, transactionId],
    );
    return row
      ? {
          id: row.id,
          kind: row.kind,
          invoiceId: row.invoice_id,
          refundId: row.refund_id,
          amountCents: centsFromRow(row.amount_cents),
          undoneAt: row.undone_at,
        }
      : null;
  }

  async markUndone(allocationId: string, undoneBy: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE bank_allocations SET undone_at = now(), undone_by = $2 WHERE id = $1`,
      [allocationId, undoneBy],
    );
  }

  /** Whether a live allocation already matches this payout. */
  async isPayoutMatched(payoutId: string, manager: EntityManager): Promise<boolean> {
    const [taken] = await manager.query<{ id: string }[]>(
      `SELECT id FROM bank_allocations WHERE payout_id = $1 AND undone_at IS NULL`,
      [payoutId],
    );
    return taken !== undefined;
  }

  /** An allocation, undone or not, with its bank line. */
  async postingAllocation(allocationId: string): Promise<PostingAllocation | null> {
    const [row] = await this.dataSource.query<
      {
        id: string;
        kind: AllocationRecordKind;
        invoice_id: string | null;
        refund_id: string | null;
        payout_id: string | null;
        organisation_id: string | null;
        amount_cents: string;
        created_at: Date;
        undone_at: Date | null;
        transaction_id: string;
        booking_date: string;
        bank_reference: string | null;
      }[]
    >(
      `SELECT a.id, a.kind, a.invoice_id, a.refund_id, a.payout_id, a.organisation_id,
              a.amount_cents, a.created_at, a.undone_at,
              t.id AS transaction_id, t.booking_date::text, t.bank_reference
         FROM bank_allocations a JOIN bank_transactions t ON t.id = a.transaction_id
        WHERE a.id = $1`,
      [allocationId],
    );
    if (!row) return null;
    return {
      allocationId: row.id,
      kind: row.kind,
      invoiceId: row.invoice_id,
      refundId: row.refund_id,
      payoutId: row.payout_id,
      organisationId: row.organisation_id,
      amountCents: centsFromRow(row.amount_cents),
      createdAt: row.created_at,
      undoneAt: row.undone_at,
      line: {
        transactionId: row.transaction_id,
        bookingDate: row.booking_date,
        bankReference: row.bank_reference,
      },
    };
  }

  /** The bank line a live allocation matches to this payout, if any. */
  async payoutLine(payoutId: string): Promise<BankLineReference | null> {
    const [row] = await this.dataSource.query<
      { transaction_id: string; booking_date: string; bank_reference: string | null }[]
    >(
      `SELECT t.id AS transaction_id, t.booking_date::text, t.bank_reference
         FROM bank_allocations a JOIN bank_transactions t ON t.id = a.transaction_id
        WHERE a.payout_id = $1 AND a.undone_at IS NULL`,
      [payoutId],
    );
    return row
      ? {
          transactionId: row.transaction_id,
          bookingDate: row.booking_date,
          bankReference: row.bank_reference,
        }
      : null;
  }

  /** The payouts live allocations already match. */
  async matchedPayoutIds(): Promise<string[]> {
    const [{ ids }] = await this.dataSource.query<{ ids: string[] }[]>(
      `SELECT coalesce(array_agg(payout_id), '{}') AS ids FROM bank_allocations
        WHERE kind = 'payout' AND undone_at IS NULL`,
    );
    return ids;
  }

  /** The live allocations of the given lines, oldest first. */
  async standingOf(transactionIds: string[]): Promise<StandingAllocation[]> {
    const rows = await this.dataSource.query<
      {
        id: string;
        transaction_id: string;
        kind: AllocationRecordKind;
        invoice_id: string | null;
        refund_id: string | null;
        payout_id: string | null;
        organisation_id: string | null;
        amount_cents: string;
        automatic: boolean;
        created_at: Date;
      }[]
    >(
      `SELECT id, transaction_id, kind, invoice_id, refund_id, payout_id, organisation_id,
              amount_cents, automatic, created_at
         FROM bank_allocations
        WHERE transaction_id = ANY($1) AND undone_at IS NULL
        ORDER BY created_at, id`,
      [transactionIds],
    );
    return rows.map((row) => ({
      id: row.id,
      transactionId: row.transaction_id,
      kind: row.kind,
      invoiceId: row.invoice_id,
      refundId: row.refund_id,
      payoutId: row.payout_id,
      organisationId: row.organisation_id,
      amountCents: centsFromRow(row.amount_cents),
      automatic: row.automatic,
      createdAt: row.created_at,
    }));
  }

  /** Live allocations of one kind, optionally of one organisation and within [from, to] (Paris dates). */
  async live(
    kind: Exclude<AllocationRecordKind, 'invoice'>,
    filter: { organisationId?: string; from?: string; to?: string },
  ): Promise<LiveAllocationRow[]> {
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
    return rows.map((row) => ({
      organisationId: row.organisation_id,
      transactionId: row.transaction_id,
      refundId: row.refund_id,
      payoutId: row.payout_id,
      cents: centsFromRow(row.cents),
      on: row.on,
    }));
  }

  /** The suggestions of the given lines, in no particular order. */
  async suggestionsOf(transactionIds: string[]): Promise<StoredSuggestion[]> {
    const rows = await this.dataSource.query<
      {
        transaction_id: string;
        invoice_id: string | null;
        refund_id: string | null;
        score: string;
        reasons: MatchReason[];
      }[]
    >(
      `SELECT transaction_id, invoice_id, refund_id, score, reasons
         FROM bank_match_suggestions WHERE transaction_id = ANY($1)`,
      [transactionIds],
    );
    return rows.map((row) => ({
      transactionId: row.transaction_id,
      invoiceId: row.invoice_id,
      refundId: row.refund_id,
      score: Number(row.score),
      reasons: row.reasons,
    }));
  }

  /** Replaces the suggestions of the given lines by these. */
  async replaceSuggestions(
    transactionIds: string[],
    suggestions: StoredSuggestion[],
    manager: EntityManager,
  ): Promise<void> {
    // The lines that have suggestions, each found by an index lookup (a new import has none,
    // and before its statistics exist `transaction_id = ANY(…)` would read the whole table).
    const withSuggestions = await manager.query<{ id: string }[]>(
      `SELECT line.id FROM unnest($1::uuid[]) AS line(id)
         CROSS JOIN LATERAL (SELECT 1 FROM bank_match_suggestions s
                              WHERE s.transaction_id = line.id LIMIT 1) AS found`,
      [transactionIds],
    );
    if (withSuggestions.length > 0) {
      await manager.query(`DELETE FROM bank_match_suggestions WHERE transaction_id = ANY($1)`, [
        withSuggestions.map((row) => row.id),
      ]);
    }
    if (suggestions.length === 0) return;
    await manager.query(
      `INSERT INTO bank_match_suggestions (transaction_id, invoice_id, refund_id, score, reasons)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::numeric[], $5::jsonb[])`,
      [
        suggestions.map((row) => row.transactionId),
        suggestions.map((row) => row.invoiceId),
        suggestions.map((row) => row.refundId),
        suggestions.map((row) => row.score.toFixed(3)),
        suggestions.map((row) => JSON.stringify(row.reasons)),
      ],
    );
  }
}
