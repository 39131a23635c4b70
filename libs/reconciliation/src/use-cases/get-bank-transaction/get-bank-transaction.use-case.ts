import { Injectable } from '@nestjs/common';
import { BankTransactionPresenter } from '../../services/bank-transaction-presenter';
import { BankTransactionView } from '../../views/bank-transaction.view';

/** One bank line with its suggestions and allocations. */
@Injectable()
export class GetBankTransactionUseCase {
  constructor(private readonly presenter: BankTransactionPresenter) {}

  execute(id: string, locale: 'fr' | 'en'): Promise<BankTransactionView> {
    return this.presenter.get(id, locale);
  }
}
