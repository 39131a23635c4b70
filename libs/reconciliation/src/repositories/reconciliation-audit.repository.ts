import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { nullableCentsFromRow } from '@mutualis/core';

/** One change to a line's allocations, by a person or by the matcher. */
export interface AllocationAuditEntry {
  action: 'allocate' | 'auto_allocate' | 'undo';
  actorId: string | null;
  transactionId: string;
  allocationId: string;
  invoiceId: string | null;
  amountCents: number;
  details: object;
}

export interface AuditRecord {
  at: Date;
  actorId: string | null;
  action: string;
  allocationId: string | null;
  invoiceId: string | null;
  amountCents: number | null;
}

/** The append-only audit trail of reconciliation: imports, allocations and their undoing. */
@Injectable()
export class ReconciliationAuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async recordAllocation(entry: AllocationAuditEntry, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO reconciliation_audit (actor_id, action, transaction_id, allocation_id, invoice_id, amount_cents, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        entry.actorId,
        entry.action,
        entry.transactionId,
        entry.allocationId,
        entry.invoiceId,
        entry.amountCents,
        JSON.stringify(entry.details),
      ],
    );
  }

  /** The matcher's allocations of a batch, in one statement. */
  async recordAutomaticAllocations(
    rows: {
      transactionId: string;
      allocationId: string;
      invoiceId: string | null;
      amountCents: number;
      details: object;
    }[],
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO reconciliation_audit (action, transaction_id, allocation_id, invoice_id, amount_cents, details)
       SELECT 'auto_allocate', * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::bigint[], $5::jsonb[])`,
      [
        rows.map((row) => row.transactionId),
        rows.map((row) => row.allocationId),
        rows.map((row) => row.invoiceId),
        rows.map((row) => row.amountCents),
        rows.map((row) => JSON.stringify(row.details)),
      ],
    );
  }

  async recordImport(
    entry: { actorId: string; importId: string; details: object },
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO reconciliation_audit (actor_id, action, import_id, details) VALUES ($1, 'import', $2, $3)`,
      [entry.actorId, entry.importId, JSON.stringify(entry.details)],
    );
  }

  /** A line's trail, oldest first. */
  async ofTransaction(transactionId: string): Promise<AuditRecord[]> {
    const rows = await this.dataSource.query<
      {
        at: Date;
        actor_id: string | null;
        action: string;
        allocation_id: string | null;
        invoice_id: string | null;
        amount_cents: string | null;
      }[]
    >(
      `SELECT at, actor_id, action, allocation_id, invoice_id, amount_cents
         FROM reconciliation_audit WHERE transaction_id = $1 ORDER BY at, id`,
      [transactionId],
    );
    return rows.map((row) => ({
      at: row.at,
      actorId: row.actor_id,
      action: row.action,
      allocationId: row.allocation_id,
      invoiceId: row.invoice_id,
      amountCents: nullableCentsFromRow(row.amount_cents),
    }));
  }
}
