import { Injectable } from '@nestjs/common';
import { ReconciliationAuditRepository } from '../../repositories/reconciliation-audit.repository';
import { BankTransactionPresenter } from '../../services/bank-transaction-presenter';
import { AuditEntryView } from '../../views/bank-transaction.view';

/** Who allocated or undid what on a line, and when, oldest first. */
@Injectable()
export class ListTransactionAuditUseCase {
  constructor(
    private readonly presenter: BankTransactionPresenter,
    private readonly auditTrail: ReconciliationAuditRepository,
  ) {}

  async execute(transactionId: string): Promise<AuditEntryView[]> {
    // An unknown line is a 404, not an empty trail.
    await this.presenter.get(transactionId, 'fr');
    const entries = await this.auditTrail.ofTransaction(transactionId);
    return entries.map((entry) => ({ ...entry, at: entry.at.toISOString() }));
  }
}
