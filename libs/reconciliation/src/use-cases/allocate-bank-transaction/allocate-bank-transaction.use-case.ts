import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '@mutualis/identity';
import { InvoiceLedgerService } from '@mutualis/invoicing';
import { ReconciliationErrorCode, ReconciliationException } from '../../reconciliation.exception';
import { BankTransactionRepository } from '../../repositories/bank-transaction.repository';
import { AllocationService } from '../../services/allocation.service';
import { BankTransactionPresenter } from '../../services/bank-transaction-presenter';
import { BankTransactionView } from '../../views/bank-transaction.view';

/**
 * Finance allocates money of a line: to an invoice (all that is left of the line, at most the
 * invoice's balance, unless an amount is given), or a debit to the refund it settles.
 */
@Injectable()
export class AllocateBankTransactionUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: BankTransactionRepository,
    private readonly allocations: AllocationService,
    private readonly ledger: InvoiceLedgerService,
    private readonly presenter: BankTransactionPresenter,
  ) {}

  async execute(
    actor: Actor,
    transactionId: string,
    request: { invoiceId?: string; refundId?: string; amountCents?: number },
  ): Promise<BankTransactionView> {
    await this.dataSource.transaction(async (manager) => {
      if (request.refundId) {
        await this.allocations.allocate(
          {
            transactionId,
            invoiceId: null,
            refundId: request.refundId,
            amountCents: 0,
            actorId: actor.userId,
          },
          manager,
        );
        return;
      }
      if (!request.invoiceId) {
        throw new ReconciliationException(
          ReconciliationErrorCode.NotAllocatable,
          'name the invoice to pay, or the refund this transfer settles',
          [{ field: 'invoiceId', message: 'or refundId is required' }],
        );
      }
      const invoiceId = request.invoiceId;
      // By default: all that is left of the line, up to the invoice's balance.
      let amountCents = request.amountCents;
      if (amountCents === undefined) {
        const left = await this.transactions.leftToAllocate(transactionId, manager);
        if (left === null) {
          throw new ReconciliationException(
            ReconciliationErrorCode.TransactionNotFound,
            'bank transaction not found',
          );
        }
        const [open] = await this.ledger.openInvoices({ ids: [invoiceId] }, manager);
        if (!open) {
          throw new ReconciliationException(
            ReconciliationErrorCode.InvoiceNotOpen,
            'this invoice is not awaiting payment',
            [{ field: 'invoiceId', message: 'is not an issued invoice with a balance due' }],
          );
        }
        if (left <= 0) {
          throw new ReconciliationException(
            ReconciliationErrorCode.NotAllocatable,
            'this transaction is fully allocated',
          );
        }
        amountCents = Math.min(left, open.amountDueCents);
      }
      await this.allocations.allocate(
        { transactionId, invoiceId, amountCents, actorId: actor.userId },
        manager,
      );
    });
    return this.presenter.get(transactionId, 'fr');
  }
}
