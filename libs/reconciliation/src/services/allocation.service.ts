import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { InvoiceLedgerService, RecordInvoicePaymentUseCase } from '@mutualis/invoicing';
import { ReconciliationErrorCode, ReconciliationException } from '../reconciliation.exception';

export interface AllocationRequest {
  transactionId: string;
  /** An invoice to pay; without it, the money is kept as the organisation's credit. */
  invoiceId: string | null;
  organisationId?: string;
  amountCents: number;
  /** The finance user, or null for the matcher. */
  actorId: string | null;
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
  ) {}

  async allocate(request: AllocationRequest, manager: EntityManager): Promise<string> {
    const transaction = await this.lockTransaction(request.transactionId, manager);
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
    await manager.query(
      `INSERT INTO bank_allocations (id, transaction_id, kind, invoice_id, organisation_id, amount_cents, automatic, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        id,
        transaction.id,
        request.invoiceId ? 'invoice' : 'organisation_credit',
        request.invoiceId,
        organisationId,
        request.amountCents,
        request.actorId === null,
        request.actorId,
      ],
    );
    await this.settle(transaction.id, manager);
    await this.audit(manager, {
      action: request.actorId ? 'allocate' : 'auto_allocate',
      actorId: request.actorId,
      transactionId: transaction.id,
      allocationId: id,
      invoiceId: request.invoiceId,
      amountCents: request.amountCents,
      details: request.invoiceId ? {} : { kind: 'organisation_credit', organisationId },
    });
    return id;
  }

  async undo(
    transactionId: string,
    allocationId: string,
    actorId: string,
    manager: EntityManager,
  ): Promise<void> {
    await this.lockTransaction(transactionId, manager);
    const [allocation] = await manager.query<
      { id: string; invoice_id: string | null; amount_cents: string; undone_at: Date | null }[]
    >(
      `SELECT id, invoice_id, amount_cents, undone_at FROM bank_allocations
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
    if (allocation.invoice_id)
      await this.payments.reverse(allocationSource(allocation.id), manager);
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
