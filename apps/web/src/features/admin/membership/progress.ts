import type { Campaign, ImportReport, MemberImport } from './types';

/** How often a running campaign or import is asked for its progress (ms); false once done. */
export const POLL_MS = 2_000;

export function pollInterval(status: string | undefined): number | false {
  return status === 'running' ? POLL_MS : false;
}

/** The campaign's organisations already dealt with (issued, failed or skipped), out of its total. */
export function campaignDone(campaign: Pick<Campaign, 'issued' | 'failed' | 'skipped'>): number {
  return campaign.issued + campaign.failed + campaign.skipped;
}

/** The file's lines dealt with: the valid ones applied so far, and the refused ones. */
export function importDone(run: Pick<MemberImport, 'processed' | 'refused'>): number {
  return run.processed + run.refused;
}

/** A whole percentage for the progress bar's words; 100 for an empty run. */
export function percent(done: number, total: number): number {
  if (total <= 0) return 100;
  return Math.min(100, Math.floor((done * 100) / total));
}

/** The dry run's lines in file order, or only the refused ones (what the admin must fix). */
export function reportLines(report: ImportReport, onlyRefused: boolean): ImportReport['lines'] {
  const lines = onlyRefused
    ? report.lines.filter((line) => line.action === 'refuse')
    : report.lines;
  return [...lines].sort((a, b) => a.line - b.line);
}

/** The campaigns answer of GET /api/membership/campaigns?year=: a list, a page or one campaign. */
export function campaignsOf(answer: unknown): Campaign[] {
  if (Array.isArray(answer)) return answer as Campaign[];
  if (answer && typeof answer === 'object') {
    if (Array.isArray((answer as { items?: unknown }).items)) {
      return (answer as { items: Campaign[] }).items;
    }
    if (typeof (answer as { id?: unknown }).id === 'string') return [answer as Campaign];
  }
  return [];
}
