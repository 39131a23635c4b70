import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '@mutualis/identity';
import { AllocationService } from '../../services/allocation.service';
import { BankTransactionPresenter } from '../../services/bank-transaction-presenter';
import { BankTransactionView } from '../../views/bank-transaction.view';

/** Finance undoes an allocation: the invoice owes that amount again, the refund is open again. */
@Injectable()
export class UndoAllocationUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly allocations: AllocationService,
    private readonly presenter: BankTransactionPresenter,
  ) {}

  async execute(
    actor: Actor,
    transactionId: string,
    allocationId: string,
  ): Promise<BankTransactionView> {
    await this.dataSource.transaction((manager) =>
      this.allocations.undo(transactionId, allocationId, actor.userId, manager),
    );
    return this.presenter.get(transactionId, 'fr');
  }
}
