import { Module } from '@nestjs/common';
import { AuditModule } from '@mutualis/core';
import { IdentityModule } from '@mutualis/identity';
import { InvoicingModule } from '@mutualis/invoicing';
import { PaymentsModule } from '@mutualis/payments';
import { CsvProfileRepository } from './repositories/csv-profile.repository';
import { BankStatementRepository } from './repositories/bank-statement.repository';
import { AllocationLedgerService } from './services/allocation-ledger.service';
import { AllocationService } from './services/allocation.service';
import { AccountingExportUseCase } from './use-cases/accounting-export/accounting-export.use-case';
import { BankTransactionsUseCase } from './use-cases/bank-transactions/bank-transactions.use-case';
import { CsvProfilesUseCase } from './use-cases/csv-profiles/csv-profiles.use-case';
import { ImportStatementUseCase } from './use-cases/import-statement/import-statement.use-case';
import { MatchTransactionsUseCase } from './use-cases/match-transactions/match-transactions.use-case';
import { ReceivablesUseCase } from './use-cases/receivables/receivables.use-case';
import { ReconciliationHandlers } from './jobs/reconciliation.handlers';

const useCases = [
  AccountingExportUseCase,
  BankTransactionsUseCase,
  CsvProfilesUseCase,
  ImportStatementUseCase,
  MatchTransactionsUseCase,
  ReceivablesUseCase,
];

/** Finance: bank statements, matching and allocations, receivables, the accounting export. */
@Module({
  imports: [IdentityModule, InvoicingModule, PaymentsModule, AuditModule],
  providers: [
    ReconciliationHandlers,
    BankStatementRepository,
    CsvProfileRepository,
    AllocationService,
    AllocationLedgerService,
    ...useCases,
  ],
  exports: [...useCases],
})
export class ReconciliationModule {}
