import type { components } from '../../api/schema';
import { authorisedFetch } from '../../api/client';
import { ApiProblem, isProblem, networkProblem } from '../../api/problem';

export type StatementImport = components['schemas']['StatementImportDto'];
export type BankTransaction = components['schemas']['BankTransactionDto'];
export type MatchSuggestion = BankTransaction['suggestions'][number];
export type Allocation = BankTransaction['allocations'][number];
export type AuditEntry = components['schemas']['AuditEntryDto'];
export type CsvProfile = components['schemas']['CsvProfileViewDto'];
export type AgedReceivables = components['schemas']['AgedReceivablesDto'];
export type StatementOfAccount = components['schemas']['StatementOfAccountDto'];
export type Invoice = components['schemas']['InvoiceDto'];
export type RefundInstruction = components['schemas']['RefundInstructionDto'];
export type TransactionStatus = BankTransaction['status'];
export type InvoiceStatus = Invoice['status'];

/** Keys of the finance queries; every mutation invalidates `financeKeys.all`. */
export const financeKeys = {
  all: ['finance'] as const,
  transactions: (status: TransactionStatus, language: string) =>
    ['finance', 'transactions', status, language] as const,
  statementImport: (id: string) => ['finance', 'import', id] as const,
  audit: (id: string) => ['finance', 'audit', id] as const,
  csvProfiles: ['finance', 'csv-profiles'] as const,
  receivables: ['finance', 'receivables'] as const,
  statementOfAccount: (organisationId: string) => ['finance', 'statement', organisationId] as const,
  invoices: (query: object) => ['finance', 'invoices', query] as const,
  invoice: (id: string) => ['finance', 'invoice', id] as const,
  organisations: ['finance', 'organisations'] as const,
  refunds: ['finance', 'refunds'] as const,
};

/**
 * Sends a statement as multipart (openapi-fetch serialises JSON bodies only); the api answers
 * 202 with the queued import.
 */
export async function uploadStatement(file: File, profile?: string): Promise<StatementImport> {
  const body = new FormData();
  body.append('file', file);
  if (profile) body.append('profile', profile);
  const response = await authorisedFetch(
    new Request('/api/finance/bank-statements', { method: 'POST', body }),
  );
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiProblem(isProblem(data) ? data : networkProblem(response.status));
  }
  return data as StatementImport;
}
