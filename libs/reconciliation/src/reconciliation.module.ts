import { Module } from '@nestjs/common';
import { AuditModule } from '@mutualis/core';
import { IdentityModule } from '@mutualis/identity';
import { InvoicingModule } from '@mutualis/invoicing';
import { PaymentsModule } from '@mutualis/payments';
import { BankAllocationRepository } from './repositories/bank-allocation.repository';
import { BankStatementRepository } from './repositories/bank-statement.repository';
import { BankTransactionRepository } from './repositories/bank-transaction.repository';
import { CsvProfileRepository } from './repositories/csv-profile.repository';
import { ReconciliationAuditRepository } from './repositories/reconciliation-audit.repository';
import { AllocationLedgerService } from './services/allocation-ledger.service';
import { AllocationService } from './services/allocation.service';
import { BankTransactionPresenter } from './services/bank-transaction-presenter';
import { CsvProfileResolver } from './services/csv-profile-resolver';
import { AgeReceivablesUseCase } from './use-cases/age-receivables/age-receivables.use-case';
import { AllocateBankTransactionUseCase } from './use-cases/allocate-bank-transaction/allocate-bank-transaction.use-case';
import { ExportInvoicesCsvUseCase } from './use-cases/export-invoices-csv/export-invoices-csv.use-case';
import { ExportPaymentsCsvUseCase } from './use-cases/export-payments-csv/export-payments-csv.use-case';
import { GetBankTransactionUseCase } from './use-cases/get-bank-transaction/get-bank-transaction.use-case';
import { GetStatementImportUseCase } from './use-cases/get-statement-import/get-statement-import.use-case';
import { GetStatementOfAccountUseCase } from './use-cases/get-statement-of-account/get-statement-of-account.use-case';
import { ImportStatementUseCase } from './use-cases/import-statement/import-statement.use-case';
import { ListBankTransactionsUseCase } from './use-cases/list-bank-transactions/list-bank-transactions.use-case';
import { ListCsvProfilesUseCase } from './use-cases/list-csv-profiles/list-csv-profiles.use-case';
import { ListTransactionAuditUseCase } from './use-cases/list-transaction-audit/list-transaction-audit.use-case';
import { MatchTransactionsUseCase } from './use-cases/match-transactions/match-transactions.use-case';
import { ReconciliationHandlers } from './jobs/reconciliation.handlers';
import { SaveCsvProfileUseCase } from './use-cases/save-csv-profile/save-csv-profile.use-case';
import { SubmitStatementUseCase } from './use-cases/submit-statement/submit-statement.use-case';
import { UndoAllocationUseCase } from './use-cases/undo-allocation/undo-allocation.use-case';

const useCases = [
  AgeReceivablesUseCase,
  AllocateBankTransactionUseCase,
  ExportInvoicesCsvUseCase,
  ExportPaymentsCsvUseCase,
  GetBankTransactionUseCase,
  GetStatementImportUseCase,
  GetStatementOfAccountUseCase,
  ImportStatementUseCase,
  ListBankTransactionsUseCase,
  ListCsvProfilesUseCase,
  ListTransactionAuditUseCase,
  MatchTransactionsUseCase,
  SaveCsvProfileUseCase,
  SubmitStatementUseCase,
  UndoAllocationUseCase,
];

/** Finance: bank statements, matching and allocations, receivables, the CSV exports. */
@Module({
  imports: [IdentityModule, InvoicingModule, PaymentsModule, AuditModule],
  providers: [
    ReconciliationHandlers,
    BankAllocationRepository,
    BankStatementRepository,
    BankTransactionRepository,
    CsvProfileRepository,
    ReconciliationAuditRepository,
    AllocationService,
    AllocationLedgerService,
    BankTransactionPresenter,
    CsvProfileResolver,
    ...useCases,
  ],
  exports: [AllocationLedgerService, ...useCases],
})
export class ReconciliationModule {}
