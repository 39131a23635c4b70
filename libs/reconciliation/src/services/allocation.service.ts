import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainEvent, OutboxService } from '@mutualis/core';
import {
  InvoiceLedgerService,
  PayInvoiceGroupsUseCase,
  PayInvoiceUseCase,
  ReverseInvoicePaymentUseCase,
} from '@mutualis/invoicing';
import {
  OpenRefundsService,
  ReopenRefundUseCase,
  SettleRefundUseCase,
  StripePayoutsService,
} from '@mutualis/payments';
import { ReconciliationErrorCode, ReconciliationException } from '../reconciliation.exception';
import {
  AllocationRecordKind,
  BankAllocationRepository,
} from '../repositories/bank-allocation.repository';
import {
  BankTransactionRepository,
  LockedBankLine,
} from '../repositories/bank-transaction.repository';
import { ReconciliationAuditRepository } from '../repositories/reconciliation-audit.repository';
import { ReconciliationEvents } from '../reconciliation.events';

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
    private readonly payInvoice: PayInvoiceUseCase,
    private readonly payInvoiceGroups: PayInvoiceGroupsUseCase,
    private readonly reverseInvoicePayment: ReverseInvoicePaymentUseCase,
    private readonly ledger: InvoiceLedgerService,
    private readonly openRefunds: OpenRefundsService,
    private readonly settleRefund: SettleRefundUseCase,
    private readonly reopenRefund: ReopenRefundUseCase,
    private readonly payouts: StripePayoutsService,
    private readonly transactions: BankTransactionRepository,
    private readonly allocationRecords: BankAllocationRepository,
    private readonly auditTrail: ReconciliationAuditRepository,
    private readonly outbox: OutboxService,
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
    const left = transaction.amountCents - transaction.allocatedCents;
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
      await this.payInvoice.execute(
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
    const locked = await this.transactions.lockMany(
      [...new Set(lines.map((line) => line.transactionId))],
      manager,
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
      let left = transaction.amountCents - transaction.allocatedCents;
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
    const refusals = await this.payInvoiceGroups.execute(
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
    await this.allocationRecords.insertAutomatic(rows, manager);
    await this.outbox.record(
      manager,
      ...rows.map((row) =>
        allocationEvent(ReconciliationEvents.AllocationMade, row.id, {
          transactionId: row.transactionId,
          kind: row.invoiceId ? 'invoice' : 'organisation_credit',
        }),
      ),
    );
    await this.transactions.settleAll([...new Set(rows.map((row) => row.transactionId))], manager);
    await this.auditTrail.recordAutomaticAllocations(
      rows.map((row) => ({
        transactionId: row.transactionId,
        allocationId: row.id,
        invoiceId: row.invoiceId,
        amountCents: row.amountCents,
        details: row.invoiceId
          ? {}
          : { kind: 'organisation_credit', organisationId: row.organisationId },
      })),
      manager,
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
    const allocation = await this.allocationRecords.lockOfLine(
      allocationId,
      transactionId,
      manager,
    );
    if (!allocation) {
      throw new ReconciliationException(
        ReconciliationErrorCode.AllocationNotFound,
        'allocation not found',
      );
    }
    if (allocation.undoneAt) {
      throw new ReconciliationException(
        ReconciliationErrorCode.AllocationUndone,
        'this allocation was already undone',
      );
    }
    // What the allocation did elsewhere is undone too: the invoice owes it again, the refund
    // is again a transfer to make.
    if (allocation.invoiceId) {
      await this.reverseInvoicePayment.execute(allocationSource(allocation.id), manager);
    }
    if (allocation.refundId) await this.reopenRefund.execute(allocation.refundId, manager);
    await this.allocationRecords.markUndone(allocation.id, actorId, manager);
    await this.outbox.record(
      manager,
      allocationEvent(ReconciliationEvents.AllocationUndone, allocation.id, {
        transactionId,
        kind: allocation.kind,
      }),
    );
    await this.transactions.settle(transactionId, manager);
    await this.auditTrail.recordAllocation(
      {
        action: 'undo',
        actorId,
        transactionId,
        allocationId: allocation.id,
        invoiceId: allocation.invoiceId,
        amountCents: allocation.amountCents,
        details: {},
      },
      manager,
    );
  }

  /** A Stripe payout reaches the bank as one credit of exactly its amount. */
  private async allocatePayout(
    transaction: LockedBankLine,
    request: AllocationRequest,
    payoutId: string,
    manager: EntityManager,
  ): Promise<string> {
    const left = transaction.amountCents - transaction.allocatedCents;
    const payout = (await this.payouts.byAmount(left)).find((found) => found.payoutId === payoutId);
    const taken = await this.allocationRecords.isPayoutMatched(payoutId, manager);
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
    transaction: LockedBankLine,
    request: AllocationRequest,
    refundId: string,
    manager: EntityManager,
  ): Promise<string> {
    const [refund] = await this.openRefunds.list(refundId);
    const left = transaction.amountCents - transaction.allocatedCents;
    if (transaction.direction !== 'debit' || !refund || refund.amountCents !== left) {
      throw new ReconciliationException(
        ReconciliationErrorCode.NotAllocatable,
        'a refund is settled by a debit of exactly its amount',
        [{ field: 'refundId', message: 'is not an open refund of this amount' }],
      );
    }
    await this.settleRefund.execute(refundId, request.actorId, manager, 'bank_allocation');
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
      kind: AllocationRecordKind;
      invoiceId?: string | null;
      refundId?: string;
      payoutId?: string;
      organisationId?: string | null;
      amountCents: number;
    },
  ): Promise<string> {
    const id = allocation.id ?? randomUUID();
    await this.allocationRecords.insert(
      {
        id,
        transactionId: allocation.transactionId,
        kind: allocation.kind,
        invoiceId: allocation.invoiceId ?? null,
        refundId: allocation.refundId ?? null,
        payoutId: allocation.payoutId ?? null,
        organisationId: allocation.organisationId ?? null,
        amountCents: allocation.amountCents,
        createdBy: actorId,
      },
      manager,
    );
    await this.outbox.record(
      manager,
      allocationEvent(ReconciliationEvents.AllocationMade, id, {
        transactionId: allocation.transactionId,
        kind: allocation.kind,
      }),
    );
    await this.transactions.settle(allocation.transactionId, manager);
    await this.auditTrail.recordAllocation(
      {
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
      },
      manager,
    );
    return id;
  }

  private async lockTransaction(id: string, manager: EntityManager): Promise<LockedBankLine> {
    const transaction = await this.transactions.lock(id, manager);
    if (!transaction) {
      throw new ReconciliationException(
        ReconciliationErrorCode.TransactionNotFound,
        'bank transaction not found',
      );
    }
    return transaction;
  }
}

/** Announces an allocation made or undone, in its transaction (the books post from it). */
function allocationEvent(
  type: typeof ReconciliationEvents.AllocationMade | typeof ReconciliationEvents.AllocationUndone,
  allocationId: string,
  payload: { transactionId: string; kind: AllocationRecordKind },
): DomainEvent {
  return { type, aggregateType: 'bank_allocation', aggregateId: allocationId, payload };
}
