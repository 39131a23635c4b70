import { Module } from '@nestjs/common';
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
import { InvoicePosting } from './services/invoice-posting';
import { JournalWriter } from './services/journal-writer';
import { MoneyPosting } from './services/money-posting';
import { PostingSettingsQuery } from './services/posting-settings.query';
import { PostBankAllocationUseCase } from './use-cases/post-bank-allocation/post-bank-allocation.use-case';
import { PostInvoicePaymentUseCase } from './use-cases/post-invoice-payment/post-invoice-payment.use-case';
import { PostLatePaymentUseCase } from './use-cases/post-late-payment/post-late-payment.use-case';
import { PostPaymentReversalUseCase } from './use-cases/post-payment-reversal/post-payment-reversal.use-case';
import { PostPayoutUseCase } from './use-cases/post-payout/post-payout.use-case';
import { PostRefundUseCase } from './use-cases/post-refund/post-refund.use-case';
import { PostSalesDocumentUseCase } from './use-cases/post-sales-document/post-sales-document.use-case';
import { PostStripeFeeUseCase } from './use-cases/post-stripe-fee/post-stripe-fee.use-case';
import { PostUndoneAllocationUseCase } from './use-cases/post-undone-allocation/post-undone-allocation.use-case';

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
  // The contexts whose money facts the posting rules read, through their read services.
  imports: [InvoicingModule, PaymentsModule, ReconciliationModule],
  providers: [
    AccountingHandlers,
    BooksRepository,
    ChartRepository,
    JournalEntryRepository,
    LetteringRepository,
    PeriodRepository,
    PostingRepository,
    InvoicePosting,
    MoneyPosting,
    PostingSettingsQuery,
    JournalWriter,
    ...postingUseCases,
  ],
  exports: [JournalWriter, ...postingUseCases],
})
export class AccountingModule {}
