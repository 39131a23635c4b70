import type { StatementImport } from '../repositories/bank-statement.repository';

export interface StatementUpload {
  fileName: string;
  content: Buffer;
  /** For CSV: the profile to read it with; detected from the header row when absent. */
  profileId?: string;
}

export interface StatementImportView {
  id: string;
  fileName: string;
  format: 'camt053' | 'csv';
  csvProfile: string | null;
  status: StatementImport['status'];
  error: { message: string; location: string | null } | null;
  result: {
    transactionsFound: number | null;
    transactionsAdded: number | null;
    duplicates: number | null;
    matched: number | null;
    suggested: number | null;
    unmatched: number | null;
  };
  createdAt: string;
  finishedAt: string | null;
}

export function presentImport(statement: StatementImport): StatementImportView {
  return {
    id: statement.id,
    fileName: statement.fileName,
    format: statement.format,
    csvProfile: statement.csvProfile?.id ?? null,
    status: statement.status,
    error: statement.error ? { message: statement.error, location: statement.errorLocation } : null,
    result: {
      transactionsFound: statement.transactionsFound,
      transactionsAdded: statement.transactionsAdded,
      duplicates: statement.duplicates,
      matched: statement.matched,
      suggested: statement.suggested,
      unmatched: statement.unmatched,
    },
    createdAt: statement.createdAt.toISOString(),
    finishedAt: statement.finishedAt?.toISOString() ?? null,
  };
}
