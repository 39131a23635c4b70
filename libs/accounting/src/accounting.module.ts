import { Module } from '@nestjs/common';
import { BooksRepository } from './repositories/books.repository';
import { ChartRepository } from './repositories/chart.repository';
import { JournalEntryRepository } from './repositories/journal-entry.repository';
import { LetteringRepository } from './repositories/lettering.repository';
import { PeriodRepository } from './repositories/period.repository';
import { JournalWriter } from './services/journal-writer';

/** Accounting: the Chambre's journal (entries written when money facts happen), periods, the FEC. */
@Module({
  providers: [
    BooksRepository,
    ChartRepository,
    JournalEntryRepository,
    LetteringRepository,
    PeriodRepository,
    JournalWriter,
  ],
  exports: [JournalWriter],
})
export class AccountingModule {}
