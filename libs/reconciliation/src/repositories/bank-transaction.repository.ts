import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { centsFromRow, KeysetPosition } from '@mutualis/core';

export type TransactionStatus = 'unmatched' | 'suggested' | 'matched';

/** A bank line as the workbench shows it. */
export interface BankTransactionRecord {
  id: string;
  bookingDate: string;
  valueDate: string | null;
  amountCents: number;
  currency: string;
  direction: 'credit' | 'debit';
  counterpartyName: string | null;
  counterpartyIban: string | null;
  remittanceInfo: string | null;
  creditorReference: string | null;
  bankReference: string | null;
  status: TransactionStatus;
  allocatedCents: number;
  createdAt: Date;
}

/** A bank line not yet fully allocated, with what the matcher reads of it. */
export interface OpenBankLine {
  id: string;
  direction: 'credit' | 'debit';
  amountCents: number;
  allocatedCents: number;
  bookingDate: string;
  counterpartyName: string | null;
  remittanceInfo: string | null;
  creditorReference: string | null;
}

/** A line locked for an allocation: what it holds and what it already gave. */
export interface LockedBankLine {
  id: string;
  amountCents: number;
  allocatedCents: number;
  direction: 'credit' | 'debit';
}

type TransactionRow = {
  id: string;
  booking_date: string;
  value_date: string | null;
  amount_cents: string;
  currency: string;
  direction: 'credit' | 'debit';
  counterparty_name: string | null;
  counterparty_iban: string | null;
  remittance_info: string | null;
  creditor_reference: string | null;
  bank_reference: string | null;
  status: TransactionStatus;
  allocated_cents: string;
  created_at: Date;
};

type LockedRow = {
  id: string;
  amount_cents: string;
  allocated_cents: string;
  direction: 'credit' | 'debit';
};

const TRANSACTION_COLUMNS = `id, booking_date::text, value_date::text, amount_cents, currency, direction,
  counterparty_name, counterparty_iban, remittance_info, creditor_reference, bank_reference, status,
  allocated_cents, created_at`;

function toRecord(row: TransactionRow): BankTransactionRecord {
  return {
    id: row.id,
    bookingDate: row.booking_date,
    valueDate: row.value_date,
    amountCents: centsFromRow(row.amount_cents),
    currency: row.currency,
    direction: row.direction,
    counterpartyName: row.counterparty_name,
    counterpartyIban: row.counterparty_iban,
    remittanceInfo: row.remittance_info,
    creditorReference: row.creditor_reference,
    bankReference: row.bank_reference,
    status: row.status,
    allocatedCents: centsFromRow(row.allocated_cents),
    createdAt: row.created_at,
  };
}

function toLocked(row: LockedRow): LockedBankLine {
  return {
    id: row.id,
    amountCents: centsFromRow(row.amount_cents),
    allocatedCents: centsFromRow(row.allocated_cents),
    direction: row.direction,
  };
}

/** Bank statement lines: the workbench's pages, the matcher's open lines, locks and totals. */
@Injectable()
export class BankTransactionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest first, keyset-paginated on (created_at, id); reads one row more than the limit. */
  async page(query: {
    statuses?: TransactionStatus[];
    after?: KeysetPosition | null;
    limit: number;
  }): Promise<BankTransactionRecord[]> {
    const rows = await this.dataSource.query<TransactionRow[]>(
      `SELECT ${TRANSACTION_COLUMNS}
         FROM bank_transactions
        WHERE ($1::text[] IS NULL OR status = ANY($1))
          AND ($2::timestamptz IS NULL OR (created_at, id) < ($2, $3::uuid))
        ORDER BY created_at DESC, id DESC
        LIMIT $4`,
      [
        query.statuses ?? null,
        query.after?.createdAt ?? null,
        query.after?.id ?? null,
        query.limit,
      ],
    );
    return rows.map(toRecord);
  }

  async findById(id: string): Promise<BankTransactionRecord | null> {
    const [row] = await this.dataSource.query<TransactionRow[]>(
      `SELECT ${TRANSACTION_COLUMNS} FROM bank_transactions WHERE id = $1`,
      [id],
    );
    return row ? toRecord(row) : null;
  }

  /** What is left to allocate of a line, or null when there is no such line. */
  async leftToAllocate(id: string, manager: EntityManager): Promise<number | null> {
    const [row] = await manager.query<{ left: string }[]>(
      `SELECT amount_cents - allocated_cents AS left FROM bank_transactions WHERE id = $1`,
      [id],
    );
    return row ? centsFromRow(row.left) : null;
  }

  /** The given lines, or every line not fully matched, in booking order. */
  async openForMatching(ids?: string[]): Promise<OpenBankLine[]> {
    const rows = await this.dataSource.query<
      {
        id: string;
        direction: 'credit' | 'debit';
        amount_cents: string;
        allocated_cents: string;
        booking_date: string;
        counterparty_name: string | null;
        remittance_info: string | null;
        creditor_reference: string | null;
      }[]
    >(
      `SELECT id, direction, amount_cents, allocated_cents, booking_date::text, counterparty_name,
              remittance_info, creditor_reference
         FROM bank_transactions
        WHERE status <> 'matched'
          AND ($1::uuid[] IS NULL OR id = ANY($1))
        ORDER BY booking_date, id`,
      [ids ?? null],
    );
    return rows.map((row) => ({
      id: row.id,
      direction: row.direction,
      amountCents: centsFromRow(row.amount_cents),
      allocatedCents: centsFromRow(row.allocated_cents),
      bookingDate: row.booking_date,
      counterpartyName: row.counterparty_name,
      remittanceInfo: row.remittance_info,
      creditorReference: row.creditor_reference,
    }));
  }

  /** Locks one line until the caller's transaction ends; null when there is none. */
  async lock(id: string, manager: EntityManager): Promise<LockedBankLine | null> {
    const [row] = await manager.query<LockedRow[]>(
      `SELECT id, amount_cents, allocated_cents, direction FROM bank_transactions WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row ? toLocked(row) : null;
  }

  /** Locks many lines, in id order so that two runs cannot deadlock. */
  async lockMany(ids: string[], manager: EntityManager): Promise<LockedBankLine[]> {
    const rows = await manager.query<LockedRow[]>(
      `SELECT id, amount_cents, allocated_cents, direction FROM bank_transactions
        WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [ids],
    );
    return rows.map(toLocked);
  }

  /** After a matching run: lines with suggestions are 'suggested', the others 'unmatched' (matched ones stay). */
  async markMatchOutcome(
    ids: string[],
    suggestedIds: string[],
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `UPDATE bank_transactions SET status = CASE WHEN id = ANY($2) THEN 'suggested' ELSE 'unmatched' END
        WHERE id = ANY($1) AND status <> 'matched'`,
      [ids, suggestedIds],
    );
  }

  /** The line's allocated total and status, from its live allocations. */
  async settle(transactionId: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE bank_transactions t
          SET allocated_cents = live.total,
              status = CASE
                WHEN live.total = t.amount_cents THEN 'matched'
                WHEN EXISTS (SELECT 1 FROM bank_match_suggestions s WHERE s.transaction_id = t.id) THEN 'suggested'
                ELSE 'unmatched' END
         FROM (SELECT coalesce(sum(amount_cents), 0) AS total FROM bank_allocations
                WHERE transaction_id = $1 AND undone_at IS NULL) AS live
        WHERE t.id = $1`,
      [transactionId],
    );
  }

  /**
   * `settle` for many lines. Each line's total is summed by its own index lookup (the lateral
   * join), whatever the statistics say: a freshly imported statement is often not analyzed yet,
   * and `transaction_id = ANY(…)` then read every live allocation.
   */
  async settleAll(transactionIds: string[], manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE bank_transactions t
          SET allocated_cents = live.total,
              status = CASE
                WHEN live.total = t.amount_cents THEN 'matched'
                WHEN EXISTS (SELECT 1 FROM bank_match_suggestions s WHERE s.transaction_id = t.id) THEN 'suggested'
                ELSE 'unmatched' END
         FROM unnest($1::uuid[]) AS line(id)
              CROSS JOIN LATERAL (SELECT coalesce(sum(amount_cents), 0) AS total FROM bank_allocations
                                   WHERE transaction_id = line.id AND undone_at IS NULL) AS live
        WHERE t.id = line.id`,
      [transactionIds],
    );
  }

  /** The ids of the lines an import brought. */
  async idsOfImport(importId: string, manager?: EntityManager): Promise<string[]> {
    const rows = await (manager ?? this.dataSource).query<{ id: string }[]>(
      `SELECT id FROM bank_transactions WHERE import_id = $1`,
      [importId],
    );
    return rows.map((row) => row.id);
  }

  /** How the lines of an import stand after matching. */
  async statusCountsOfImport(
    importId: string,
  ): Promise<{ matched: number; suggested: number; unmatched: number }> {
    const [counts] = await this.dataSource.query<
      { matched: number; suggested: number; unmatched: number }[]
    >(
      `SELECT count(*) FILTER (WHERE status = 'matched')::int AS matched,
              count(*) FILTER (WHERE status = 'suggested')::int AS suggested,
              count(*) FILTER (WHERE status = 'unmatched')::int AS unmatched
         FROM bank_transactions WHERE import_id = $1`,
      [importId],
    );
    return counts;
  }

  async countOfImport(importId: string, manager: EntityManager): Promise<number> {
    const [{ added }] = await manager.query<{ added: number }[]>(
      `SELECT count(*)::int AS added FROM bank_transactions WHERE import_id = $1`,
      [importId],
    );
    return added;
  }
}
