import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BooksRepository } from '../../repositories/books.repository';
import { ChartAccount, ChartRepository } from '../../repositories/chart.repository';
import { ChartAccountView } from '../../views/chart.view';

/** The chart of accounts: the account each role posts to, by number. */
@Injectable()
export class GetChartUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly books: BooksRepository,
    private readonly chart: ChartRepository,
  ) {}

  async execute(): Promise<ChartAccountView[]> {
    const manager = this.dataSource.manager;
    return (await this.chart.accounts(await this.books.chambreId(manager), manager)).map(
      presentAccount,
    );
  }
}

export function presentAccount(account: ChartAccount): ChartAccountView {
  return {
    role: account.role,
    vatRateBasisPoints: account.vatRateBasisPoints > 0 ? account.vatRateBasisPoints : null,
    number: account.number,
    label: account.label,
    updatedAt: account.updatedAt.toISOString(),
  };
}
