import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { nextPeriod, periodsOf } from '../../domain/periods';
import { BooksRepository } from '../../repositories/books.repository';
import { JournalEntryRepository } from '../../repositories/journal-entry.repository';
import { PeriodRepository } from '../../repositories/period.repository';
import { PeriodsView } from '../../views/period.view';

/** The twelve months of a fiscal year: open or closed, and what the journal holds in each. */
@Injectable()
export class ListPeriodsUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly books: BooksRepository,
    private readonly periods: PeriodRepository,
    private readonly entries: JournalEntryRepository,
  ) {}

  async execute(year: number): Promise<PeriodsView> {
    const chambreId = await this.books.chambreId(this.dataSource.manager);
    const [closedThrough, closings, totals] = await Promise.all([
      this.periods.closedThrough(chambreId),
      this.periods.closedBetween(chambreId, `${year}-01-01`, `${year}-12-01`),
      this.entries.monthTotals(chambreId, `${year}-01-01`, `${year}-12-31`),
    ]);
    const nextToClose =
      closedThrough !== null
        ? nextPeriod(closedThrough)
        : await this.entries.earliestPeriodBefore(chambreId, '2101-01-01', this.dataSource.manager);
    return {
      year,
      closedThrough,
      nextToClose,
      periods: periodsOf(year).map((period) => {
        const closing = closings.find((row) => row.period === period);
        const total = totals.find((row) => row.period === period);
        return {
          period,
          status: closedThrough !== null && period <= closedThrough ? 'closed' : 'open',
          closedAt: closing?.closedAt.toISOString() ?? null,
          closedBy: closing?.closedBy ?? null,
          entries: total?.entries ?? 0,
          unvalidatedEntries: total?.unvalidated ?? 0,
          totalCents: total?.totalCents ?? 0,
        };
      }),
    };
  }
}
