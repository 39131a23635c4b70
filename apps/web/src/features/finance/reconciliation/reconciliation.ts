import { parseEuros } from '../../../lib/format';
import type { StatementImport } from '../types';

/** The api refuses larger statements (MAX_STATEMENT_UPLOAD_BYTES); say so before sending. */
export const MAX_STATEMENT_BYTES = 20 * 1024 * 1024;
export const STATEMENT_ACCEPT = '.xml,.csv,.txt';

export type UploadError = 'fileRequired' | 'fileTooLarge' | 'fileType';

/** What is wrong with a chosen statement file, as a message key; null when it can be sent. */
export function validateStatementFile(
  file: { name: string; size: number } | null,
): UploadError | null {
  if (!file) return 'fileRequired';
  if (!/\.(xml|csv|txt)$/i.test(file.name)) return 'fileType';
  if (file.size > MAX_STATEMENT_BYTES) return 'fileTooLarge';
  return null;
}

/** A CSV profile only means something for a CSV file. */
export function isCsvFile(name: string): boolean {
  return /\.(csv|txt)$/i.test(name);
}

export interface ImportProgress {
  /** Steps reached out of `of`: queued 1, processing 2, done or failed 3. */
  step: number;
  of: number;
  finished: boolean;
  failed: boolean;
}

export function importProgress(status: StatementImport['status']): ImportProgress {
  const step = { queued: 1, processing: 2, done: 3, failed: 3 }[status];
  return {
    step,
    of: 3,
    finished: status === 'done' || status === 'failed',
    failed: status === 'failed',
  };
}

/** Poll an import every second until the worker has finished with it. */
export function importPollInterval(status: StatementImport['status'] | undefined): number | false {
  return status && importProgress(status).finished ? false : 1000;
}

/** A score in [0, 1] as a whole percentage. */
export function scorePercent(score: number): number {
  return Math.round(Math.min(1, Math.max(0, score)) * 100);
}

/** Badge colour of a score: from 0.8 a strong candidate, from 0.5 a plausible one. */
export function scoreTone(score: number): 'ok' | 'warn' | 'danger' {
  if (score >= 0.8) return 'ok';
  if (score >= 0.5) return 'warn';
  return 'danger';
}

/**
 * The amount typed for an allocation: empty means "all that is left, up to the balance due"
 * (the api's default), otherwise euros to cents.
 */
export function allocationAmount(
  text: string,
): { amountCents: number | undefined } | { error: 'amountInvalid' } {
  if (text.trim() === '') return { amountCents: undefined };
  const cents = parseEuros(text);
  if (cents === null || cents <= 0) return { error: 'amountInvalid' };
  return { amountCents: cents };
}
