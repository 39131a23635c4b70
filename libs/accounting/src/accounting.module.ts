import { Module } from '@nestjs/common';
import { AuditModule } from '@mutualis/core';
import { InvoicingModule } from '@mutualis/invoicing';
import { BooksRepository } from './repositories/books.repository';
import { ChartRepository } from './repositories/chart.repository';
import { JournalEntryRepository } from './repositories/journal-entry.repository';
import { LetteringRepository } from './repositories/lettering.repository';
import { PeriodRepository } from './repositories/period.repository';
import { JournalWriter } from './services/journal-writer';
import { PeriodValidator } from './services/period-validator';
import { ClosePeriodUseCase } from './use-cases/close-period/close-period.use-case';
import { DescribeFecUseCase } from './use-cases/describe-fec/describe-fec.use-case';
import { ExportFecUseCase } from './use-cases/export-fec/export-fec.use-case';
import { GetChartUseCase } from './use-cases/get-chart/get-chart.use-case';
import { ListEntriesUseCase } from './use-cases/list-entries/list-entries.use-case';
import { ListJournalsUseCase } from './use-cases/list-journals/list-journals.use-case';
import { ListPeriodsUseCase } from './use-cases/list-periods/list-periods.use-case';
import { UpdateChartUseCase } from './use-cases/update-chart/update-chart.use-case';
import { ValidatePeriodUseCase } from './use-cases/validate-period/validate-period.use-case';

const useCases = [
  ClosePeriodUseCase,
  DescribeFecUseCase,
  ExportFecUseCase,
  GetChartUseCase,
  ListEntriesUseCase,
  ListJournalsUseCase,
  ListPeriodsUseCase,
  UpdateChartUseCase,
  ValidatePeriodUseCase,
];

/** Accounting: the Chambre's journal (entries written when money facts happen), periods, the FEC. */
@Module({
  imports: [InvoicingModule, AuditModule],
  providers: [
    BooksRepository,
    ChartRepository,
    JournalEntryRepository,
    LetteringRepository,
    PeriodRepository,
    JournalWriter,
    PeriodValidator,
    ...useCases,
  ],
  exports: [JournalWriter, ...useCases],
})
export class AccountingModule {}
