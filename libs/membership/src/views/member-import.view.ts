import type { RefusedImportLine } from '../imports/member-import-file';
import type { MemberImportRow, MemberImportStatus } from '../repositories/member-import.repository';

/** One line of a dry run's report. */
export interface MemberImportLineView {
  line: number;
  action: 'create' | 'update' | 'refuse';
  siret: string | null;
  rna: string | null;
  legalName: string | null;
  reasons: string[];
}

/** What a dry run says would happen, line by line; nothing is written. */
export interface MemberImportPreview {
  total: number;
  create: number;
  update: number;
  refuse: number;
  lines: MemberImportLineView[];
}

/** An applied import and its progress (counts per batch), with the refused lines and why. */
export interface MemberImportView {
  id: string;
  fileName: string;
  status: MemberImportStatus;
  total: number;
  /** Valid lines applied so far (out of total − refused). */
  processed: number;
  created: number;
  updated: number;
  refused: number;
  refusedLines: RefusedImportLine[];
  error: string | null;
  startedAt: string;
  completedAt: string | null;
}

export function presentMemberImport(row: MemberImportRow): MemberImportView {
  return {
    id: row.id,
    fileName: row.fileName,
    status: row.status,
    total: row.total,
    processed: row.processed,
    created: row.created,
    updated: row.updated,
    refused: row.refused,
    refusedLines: row.report,
    error: row.error,
    startedAt: row.startedAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}
