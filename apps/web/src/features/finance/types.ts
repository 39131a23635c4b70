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
