import { Injectable } from '@nestjs/common';
import { decodeCursor, Page, toPage } from '@mutualis/core';
import { BankTransactionRepository } from '../../repositories/bank-transaction.repository';
import { BankTransactionPresenter } from '../../services/bank-transaction-presenter';
import { BankTransactionView, TransactionStatus } from '../../views/bank-transaction.view';

/** The reconciliation workbench's list: lines by status, newest first, with their suggestions. */
@Injectable()
export class ListBankTransactionsUseCase {
  constructor(
    private readonly transactions: BankTransactionRepository,
    private readonly presenter: BankTransactionPresenter,
  ) {}

  async execute(query: {
    statuses?: TransactionStatus[];
    limit: number;
    cursor?: string;
    locale: 'fr' | 'en';
  }): Promise<Page<BankTransactionView>> {
    const records = await this.transactions.page({
      statuses: query.statuses,
      after: decodeCursor(query.cursor),
      limit: query.limit + 1,
    });
    const views = await this.presenter.present(records, query.locale);
    return toPage(
      records.map((record, index) => ({
        createdAt: record.createdAt,
        id: record.id,
        view: views[index],
      })),
      query.limit,
      (row) => row.view,
    );
  }
}
