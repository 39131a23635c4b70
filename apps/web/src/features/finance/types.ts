import type { components } from '../../api/schema';

/** The finance pages' view of the api's answers (generated from its OpenAPI document). */
export type StatementImport = components['schemas']['StatementImportDto'];
export type BankTransaction = components['schemas']['BankTransactionDto'];
export type MatchSuggestion = BankTransaction['suggestions'][number];
export type Allocation = BankTransaction['allocations'][number];
export type AuditEntry = components['schemas']['AuditEntryDto'];
export type CsvProfile = components['schemas']['CsvProfileViewDto'];
export type AgedReceivables = components['schemas']['AgedReceivablesDto'];
export type Receivable = AgedReceivables['organisations'][number];
export type StatementOfAccount = components['schemas']['StatementOfAccountDto'];
export type Invoice = components['schemas']['InvoiceDto'];
export type RefundInstruction = components['schemas']['RefundInstructionDto'];
export type TransactionStatus = BankTransaction['status'];
export type InvoiceStatus = Invoice['status'];
export type AccountingPeriods = components['schemas']['PeriodsDto'];
export type AccountingPeriod = components['schemas']['PeriodDto'];
export type PeriodValidation = components['schemas']['ValidationDto'];
export type PeriodClosing = components['schemas']['ClosingDto'];
export type JournalSummary = components['schemas']['JournalSummaryDto'];
export type JournalCode = JournalSummary['code'];
export type JournalEntry = components['schemas']['EntryDto'];
export type JournalEntryLine = components['schemas']['EntryLineDto'];
export type ChartAccount = components['schemas']['ChartAccountDto'];
export type ChartAccountChange = components['schemas']['ChartAccountChangeDto'];
export type AccountRole = ChartAccount['role'];
