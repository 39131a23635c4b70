import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountingErrorCode, AccountingException } from '../../accounting.exception';
import { periodEnd, periodStart } from '../../domain/periods';
import { JOURNAL_LABELS, JournalCode } from '../../journal/entry-draft';
import { BooksRepository } from '../../repositories/books.repository';
import { JournalEntryRepository } from '../../repositories/journal-entry.repository';
import { requirePeriod } from '../../services/period-validator';
import { JournalSummaryView } from '../../views/journal.view';

/** The journals (VT, BQ, ST, OD) with their entry counts and totals over a month or a year. */
@Injectable()
export class ListJournalsUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly books: BooksRepository,
    private readonly entries: JournalEntryRepository,
  ) {}

  /** Over one month (`period`) or one fiscal year (`year`): exactly one of them. */
  async execute(over: { period?: string; year?: number }): Promise<JournalSummaryView[]> {
    if ((over.period === undefined) === (over.year === undefined)) {
      throw new AccountingException(
        AccountingErrorCode.InvalidPeriod,
        'give either a period (YYYY-MM) or a year',
        [{ field: 'period', message: 'give either period or year' }],
      );
    }
    const [from, to] =
      over.period !== undefined
        ? [periodStart(requirePeriod(over.period)), periodEnd(over.period)]
        : [`${over.year}-01-01`, `${over.year}-12-31`];
    const chambreId = await this.books.chambreId(this.dataSource.manager);
    const totals = await this.entries.journalTotals(chambreId, from, to);
    return (Object.keys(JOURNAL_LABELS) as JournalCode[]).map((code) => {
      const total = totals.find((row) => row.journal === code);
      return {
        code,
        label: JOURNAL_LABELS[code],
        entries: total?.entries ?? 0,
        validatedEntries: total?.validated ?? 0,
        debitCents: total?.totalCents ?? 0,
        creditCents: total?.totalCents ?? 0,
      };
    });
  }
}
