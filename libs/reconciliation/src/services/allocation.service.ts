import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { InvoiceLedgerService, RecordInvoicePaymentUseCase } from '@mutualis/invoicing';
import { RecordPayoutUseCase, RefundInstructionsUseCase } from '@mutualis/payments';
import { ReconciliationErrorCode, ReconciliationException } from '../reconciliation.exception';

export interface AllocationRequest {
  transactionId: string;
  /** An invoice to pay; without it (and without a refund), the money is the organisation's credit. */
  invoiceId: string | null;
  /** For a debit: the refund instruction this transfer settles. */
  refundId?: string | null;
  /** For a credit from Stripe: the payout it is (all of it). */
  payoutId?: string | null;
  organisationId?: string;
  amountCents: number;
  /** The finance user, or null for the matcher. */
  actorId: string | null;
}

/** What the matcher allocates for one line: invoices paid, then any excess as the organisation's credit. */
export interface AutomaticLineAllocation {
  transactionId: string;
  allocations: { invoiceId: string | null; organisationId: string; amountCents: number }[];
}

type LockedTransaction = {
  id: string;
  amount_cents: string;
  allocated_cents: string;
  direction: 'credit' | 'debit';
};

/** The payment source of an allocation in invoicing's books: a replay records nothing twice. */
export function allocationSource(allocationId: string): string {
  return `bank-allocation:${allocationId}`;
}

/**
 * Moves money from a bank line to an invoice (or to the organisation's credit), and back. The
 * line is locked first, then the invoice (by invoicing), always in that order; the line never
 * gives more than it holds and an invoice never takes more than it is owed (both checked
 * under the locks). Each change writes its audit row in the same transaction.
 */
@Injectable()
export class AllocationService {
  constructor(
    private readonly payments: RecordInvoicePaymentUseCase,
    private readonly ledger: InvoiceLedgerService,
    private readonly refunds: RefundInstructionsUseCase,
    private readonly payouts: RecordPayoutUseCase,
  ) {}

  async allocate(request: AllocationRequest, manager: EntityManager): Promise<string> {
    const transaction = await this.lockTransaction(request.transactionId, manager);
    if (request.refundId) {
      return this.allocateRefund(transaction, request, request.refundId, manager);
    }
    if (request.payoutId) {
      return this.allocatePayout(transaction, request, request.payoutId, manager);
    }
    if (transaction.direction !== 'credit') {
      throw new ReconciliationException(
        ReconciliationErrorCode.NotAllocatable,
        'only money received can pay an invoice',
      );
    }
    const left = Number(transaction.amount_cents) - Number(transaction.allocated_cents);
    if (request.amountCents > left) {
      throw new ReconciliationException(
        ReconciliationErrorCode.NotAllocatable,
        `this transaction has ${left} cents left to allocate`,
        [{ field: 'amountCents', message: `must not exceed the ${left} cents left` }],
      );
    }
    const id = randomUUID();
    let organisationId = request.organisationId ?? null;
    if (request.invoiceId) {
      const [invoice] = await this.ledger.openInvoices({ ids: [request.invoiceId] }, manager);
      if (!invoice) {
        throw new ReconciliationException(
          ReconciliationErrorCode.InvoiceNotOpen,
          'this invoice is not awaiting payment',
          [{ field: 'invoiceId', message: 'is not an issued invoice with a balance due' }],
        );
      }
      organisationId = invoice.organisationId;
      await this.payments.forInvoice(
        invoice.invoiceId,
        { source: allocationSource(id), amountCents: request.amountCents, method: 'bank_transfer' },
        manager,
      );
    }
    if (!organisationId) throw new Error('an allocation needs an invoice or an organisation');
    return this.record(manager, request.actorId, {
      id,
      transactionId: transaction.id,
      kind: request.invoiceId ? 'invoice' : 'organisation_credit',
      invoiceId: request.invoiceId,
      organisationId,
      amountCents: request.amountCents,
    });
  }

  /**
   * The matcher's allocations of many lines at once, with the rules of `allocate` and a few
   * multi-row statements for all of them: the lines are locked, then the invoices (by
   * invoicing, in id order); a line is refused whole when it is not a credit, would give more
   * than it holds, or an invoice it pays is no longer open or owes less (lines taken in order,
   * each against the balances the lines before it left). Each allocation writes its audit row;
   * each invoice payment its outbox event. Returns, per line, null or why it was refused.
   */
  async allocateAutomatically(
    lines: AutomaticLineAllocation[],
    manager: EntityManager,
  ): Promise<(Error | null)[]> {
    if (lines.length === 0) return [];
    const locked = await manager.query<LockedTransaction[]>(
      `SELECT id, amount_cents, allocated_cents, direction FROM bank_transactions
        WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [[...new Set(lines.map((line) => line.transactionId))]],
    );
    const transactions = new Map(locked.map((row) => [row.id, row]));
    const outcomes: (Error | null)[] = lines.map((line) => {
      const transaction = transactions.get(line.transactionId);
      if (!transaction) {
        return new ReconciliationException(
          ReconciliationErrorCode.TransactionNotFound,
          'bank transaction not found',
        );
      }
      if (transaction.direction !== 'credit') {
        return new ReconciliationException(
          ReconciliationErrorCode.NotAllocatable,
          'only money received can pay an invoice',
        );
      }
      let left = Number(transaction.amount_cents) - Number(transaction.allocated_cents);
      for (const allocation of line.allocations) {
        if (allocation.amountCents > left) {
          return new ReconciliationException(
            ReconciliationErrorCode.NotAllocatable,
            `this transaction has ${left} cents left to allocate`,
            [{ field: 'amountCents', message: `must not exceed the ${left} cents left` }],
          );
        }
        left -= allocation.amountCents;
      }
      return null;
    });
    const planned = lines.map((line) =>
      line.allocations.map((allocation) => ({ ...allocation, id: randomUUID() })),
    );
    const candidates = lines.flatMap((_, index) => (outcomes[index] ? [] : [index]));
    const refusals = await this.payments.forInvoiceGroups(
      candidates.map((index) =>
        planned[index].flatMap((allocation) =>
          allocation.invoiceId
            ? [
                {
                  invoiceId: allocation.invoiceId,
                  source: allocationSource(allocation.id),
                  amountCents: allocation.amountCents,
                  method: 'bank_transfer' as const,
                },
              ]
            : [],
        ),
      ),
      manager,
    );
    candidates.forEach((index, position) => {
      const refused = refusals[position];
      if (refused) outcomes[index] = refused;
    });
    const rows = lines.flatMap((line, index) =>
      outcomes[index]
        ? []
        : planned[index].map((allocation) => ({
            ...allocation,
            transactionId: line.transactionId,
          })),
    );
    if (rows.length === 0) return outcomes;
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
    await this.settleAll([...new Set(rows.map((row) => row.transactionId))], manager);
    await manager.query(
      `INSERT INTO reconciliation_audit (action, transaction_id, allocation_id, invoice_id, amount_cents, details)
       SELECT 'auto_allocate', * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::bigint[], $5::jsonb[])`,
      [
        rows.map((row) => row.transactionId),
        rows.map((row) => row.id),
        rows.map((row) => row.invoiceId),
        rows.map((row) => row.amountCents),
        rows.map((row) =>
          JSON.stringify(
            row.invoiceId
              ? {}
              : { kind: 'organisation_credit', organisationId: row.organisationId },
          ),
        ),
      ],
    );
    return outcomes;
  }

  async undo(
    transactionId: string,
    allocationId: string,
    actorId: string,
    manager: EntityManager,
  ): Promise<void> {
    await this.lockTransaction(transactionId, manager);
    const [allocation] = await manager.query<
      {
        id: string;
        invoice_id: string | null;
        refund_id: string | null;
        amount_cents: string;
        undone_at: Date | null;
      }[]
    >(
      `SELECT id, invoice_id, refund_id, amount_cents, undone_at FROM bank_allocations
        WHERE id = $1 AND transaction_id = $2 FOR UPDATE`,
      [allocationId, transactionId],
    );
    if (!allocation) {
      throw new ReconciliationException(
        ReconciliationErrorCode.AllocationNotFound,
        'allocation not found',
      );
    }
    if (allocation.undone_at) {
      throw new ReconciliationException(
        ReconciliationErrorCode.AllocationUndone,
        'this allocation was already undone',
      );
    }
    // What the allocation did elsewhere is undone too: the invoice owes it again, the refund
    // is again a transfer to make.
    if (allocation.invoice_id) {
      await this.payments.reverse(allocationSource(allocation.id), manager);
    }
    if (allocation.refund_id) await this.refunds.reopen(allocation.refund_id, manager);
    await manager.query(
      `UPDATE bank_allocations SET undone_at = now(), undone_by = $2 WHERE id = $1`,
      [allocation.id, actorId],
    );
    await this.settle(transactionId, manager);
    await this.audit(manager, {
      action: 'undo',
      actorId,
      transactionId,
      allocationId: allocation.id,
      invoiceId: allocation.invoice_id,
      amountCents: Number(allocation.amount_cents),
      details: {},
    });
  }

  /** A Stripe payout reaches the bank as one credit of exactly its amount. */
  private async allocatePayout(
    transaction: LockedTransaction,
    request: AllocationRequest,
    payoutId: string,
    manager: EntityManager,
  ): Promise<string> {
    const left = Number(transaction.amount_cents) - Number(transaction.allocated_cents);
    const payout = (await this.payouts.byAmount(left)).find((found) => found.payoutId === payoutId);
    const [taken] = await manager.query<{ id: string }[]>(
      `SELECT id FROM bank_allocations WHERE payout_id = $1 AND undone_at IS NULL`,
      [payoutId],
    );
    if (transaction.direction !== 'credit' || !payout || taken) {
      throw new ReconciliationException(
        ReconciliationErrorCode.NotAllocatable,
        'a payout is matched by one credit of exactly its amount',
        [{ field: 'payoutId', message: 'is not an unmatched payout of this amount' }],
      );
    }
    return this.record(manager, request.actorId, {
      transactionId: transaction.id,
      kind: 'payout',
      payoutId,
      amountCents: left,
    });
  }

  /** A debit settles a refund instruction of the same amount, all of it. */
  private async allocateRefund(
    transaction: LockedTransaction,
    request: AllocationRequest,
    refundId: string,
    manager: EntityManager,
  ): Promise<string> {
    const [refund] = await this.refunds.open(refundId);
    const left = Number(transaction.amount_cents) - Number(transaction.allocated_cents);
    if (transaction.direction !== 'debit' || !refund || refund.amountCents !== left) {
      throw new ReconciliationException(
        ReconciliationErrorCode.NotAllocatable,
        'a refund is settled by a debit of exactly its amount',
        [{ field: 'refundId', message: 'is not an open refund of this amount' }],
      );
    }
    await this.refunds.settle(refundId, request.actorId, manager);
    return this.record(manager, request.actorId, {
      transactionId: transaction.id,
      kind: 'refund',
      refundId,
      organisationId: refund.organisationId,
      amountCents: left,
    });
  }

  /** Writes the allocation, the line's new total and status, and the audit row. */
  private async record(
    manager: EntityManager,
    actorId: string | null,
    allocation: {
      id?: string;
      transactionId: string;
      kind: 'invoice' | 'organisation_credit' | 'refund' | 'payout';
      invoiceId?: string | null;
      refundId?: string;
      payoutId?: string;
      organisationId?: string | null;
      amountCents: number;
    },
  ): Promise<string> {
    const id = allocation.id ?? randomUUID();
    await manager.query(
      `INSERT INTO bank_allocations (id, transaction_id, kind, invoice_id, refund_id, payout_id, organisation_id,
                                     amount_cents, automatic, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        id,
        allocation.transactionId,
        allocation.kind,
        allocation.invoiceId ?? null,
        allocation.refundId ?? null,
        allocation.payoutId ?? null,
        allocation.organisationId ?? null,
        allocation.amountCents,
        actorId === null,
        actorId,
      ],
    );
    await this.settle(allocation.transactionId, manager);
    await this.audit(manager, {
      action: actorId ? 'allocate' : 'auto_allocate',
      actorId,
      transactionId: allocation.transactionId,
      allocationId: id,
      invoiceId: allocation.invoiceId ?? null,
      amountCents: allocation.amountCents,
      details:
        allocation.kind === 'invoice'
          ? {}
          : {
              kind: allocation.kind,
              refundId: allocation.refundId,
              payoutId: allocation.payoutId,
              organisationId: allocation.organisationId,
            },
    });
    return id;
  }

  private async lockTransaction(id: string, manager: EntityManager): Promise<LockedTransaction> {
    const [transaction] = await manager.query<LockedTransaction[]>(
      `SELECT id, amount_cents, allocated_cents, direction FROM bank_transactions WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!transaction) {
      throw new ReconciliationException(
        ReconciliationErrorCode.TransactionNotFound,
        'bank transaction not found',
      );
    }
    return transaction;
  }

  /** The line's allocated total and status, from its live allocations. */
  private async settle(transactionId: string, manager: EntityManager): Promise<void> {
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
  private async settleAll(transactionIds: string[], manager: EntityManager): Promise<void> {
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

  private async audit(
    manager: EntityManager,
    entry: {
      action: 'allocate' | 'auto_allocate' | 'undo';
      actorId: string | null;
      transactionId: string;
      allocationId: string;
      invoiceId: string | null;
      amountCents: number;
      details: object;
    },
  ): Promise<void> {
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
}
