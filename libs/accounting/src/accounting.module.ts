import { Module } from '@nestjs/common';
import { AuditModule } from '@mutualis/core';
import { InvoicingModule } from '@mutualis/invoicing';
import { PaymentsModule } from '@mutualis/payments';
import { ReconciliationModule } from '@mutualis/reconciliation';
import { AccountingHandlers } from './jobs/accounting.handlers';
import { BooksRepository } from './repositories/books.repository';
import { ChartRepository } from './repositories/chart.repository';
import { JournalEntryRepository } from './repositories/journal-entry.repository';
import { LetteringRepository } from './repositories/lettering.repository';
import { PeriodRepository } from './repositories/period.repository';
import { PostingRepository } from './repositories/posting.repository';
import { DeferredIncomePosting } from './services/deferred-income-posting';
import { InvoicePosting } from './services/invoice-posting';
import { JournalWriter } from './services/journal-writer';
import { MoneyPosting } from './services/money-posting';
import { PeriodValidator } from './services/period-validator';
import { ClosePeriodUseCase } from './use-cases/close-period/close-period.use-case';
import { DescribeFecUseCase } from './use-cases/describe-fec/describe-fec.use-case';
import { ExportFecUseCase } from './use-cases/export-fec/export-fec.use-case';
import { GetChartUseCase } from './use-cases/get-chart/get-chart.use-case';
import { ListEntriesUseCase } from './use-cases/list-entries/list-entries.use-case';
import { ListJournalsUseCase } from './use-cases/list-journals/list-journals.use-case';
import { ListPeriodsUseCase } from './use-cases/list-periods/list-periods.use-case';
import { PostBankAllocationUseCase } from './use-cases/post-bank-allocation/post-bank-allocation.use-case';
import { PostInvoicePaymentUseCase } from './use-cases/post-invoice-payment/post-invoice-payment.use-case';
import { PostLatePaymentUseCase } from './use-cases/post-late-payment/post-late-payment.use-case';
import { PostPaymentReversalUseCase } from './use-cases/post-payment-reversal/post-payment-reversal.use-case';
import { PostPayoutUseCase } from './use-cases/post-payout/post-payout.use-case';
import { PostRefundUseCase } from './use-cases/post-refund/post-refund.use-case';
import { PostSalesDocumentUseCase } from './use-cases/post-sales-document/post-sales-document.use-case';
import { PostStripeFeeUseCase } from './use-cases/post-stripe-fee/post-stripe-fee.use-case';
import { PostUndoneAllocationUseCase } from './use-cases/post-undone-allocation/post-undone-allocation.use-case';
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

/** The posting rules' use cases, one per money fact. */
const postingUseCases = [
  PostBankAllocationUseCase,
  PostInvoicePaymentUseCase,
  PostLatePaymentUseCase,
  PostPaymentReversalUseCase,
  PostPayoutUseCase,
  PostRefundUseCase,
  PostSalesDocumentUseCase,
  PostStripeFeeUseCase,
  PostUndoneAllocationUseCase,
];

/** Accounting: the Chambre's journal (entries written when money facts happen), periods, the FEC. */
@Module({
  // Invoicing, payments and reconciliation: the contexts whose money facts the posting rules
  // read, through their read services.
  imports: [InvoicingModule, PaymentsModule, ReconciliationModule, AuditModule],
  providers: [
    AccountingHandlers,
    BooksRepository,
    ChartRepository,
    JournalEntryRepository,
    LetteringRepository,
    PeriodRepository,
    PostingRepository,
    DeferredIncomePosting,
    InvoicePosting,
    MoneyPosting,
    JournalWriter,
    PeriodValidator,
    ...useCases,
    ...postingUseCases,
  ],
  exports: [JournalWriter, ...useCases, ...postingUseCases],
})
export class AccountingModule {}
