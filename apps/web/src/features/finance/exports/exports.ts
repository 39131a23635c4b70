/** Fiscal years offered for the FEC: this one and the previous ones, most recent first. */
export function fiscalYears(today: Date, count = 5): number[] {
  const year = today.getFullYear();
  return Array.from({ length: count }, (_, index) => year - index);
}

/** The encodings of the FEC-layout file: ISO 8859-15 is what accounting software expects. */
export const FEC_ENCODINGS = ['iso-8859-15', 'utf-8'] as const;
export type FecEncoding = (typeof FEC_ENCODINGS)[number];

export interface FecExport {
  year: number;
  /** First and last month, 1 to 12; the whole year by default. */
  fromMonth?: number;
  toMonth?: number;
  encoding?: FecEncoding;
}

function monthOf(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/**
 * The FEC-layout file's address: the whole fiscal year unless some of its months are chosen, in
 * ISO 8859-15 unless UTF-8 is asked for (the api's defaults are left out of the address).
 */
export function fecPath({ year, fromMonth = 1, toMonth = 12, encoding }: FecExport): string {
  const query = new URLSearchParams({ year: String(year) });
  if (fromMonth !== 1) query.set('from', monthOf(year, fromMonth));
  if (toMonth !== 12) query.set('to', monthOf(year, toMonth));
  if (encoding && encoding !== 'iso-8859-15') query.set('encoding', encoding);
  return `/api/finance/exports/fec?${query.toString()}`;
}

/** The description file that goes with the FEC-layout file (A47 A-1): zones, journals, numbering. */
export function fecDescriptionPath(year: number, encoding: FecEncoding = 'iso-8859-15'): string {
  const query = new URLSearchParams({ year: String(year) });
  if (encoding !== 'iso-8859-15') query.set('encoding', encoding);
  return `/api/finance/exports/fec/description?${query.toString()}`;
}

/** The months chosen for the FEC-layout file, checked: in order. Message keys per field. */
export function validateFecMonths(
  fromMonth: number,
  toMonth: number,
): Partial<Record<'to', string>> {
  return fromMonth <= toMonth ? {} : { to: 'exports.errors.toBeforeFrom' };
}

export type CsvExport = 'invoices' | 'payments';

export function csvExportPath(kind: CsvExport, from: string, to: string): string {
  return `/api/finance/exports/${kind}.csv?${new URLSearchParams({ from, to }).toString()}`;
}

/** A period as message keys per field; empty when it can be exported. */
export function validatePeriod(from: string, to: string): Partial<Record<'from' | 'to', string>> {
  const errors: Partial<Record<'from' | 'to', string>> = {};
  if (!from) errors.from = 'exports.errors.dateRequired';
  if (!to) errors.to = 'exports.errors.dateRequired';
  // ISO dates compare as text.
  if (from && to && from > to) errors.to = 'exports.errors.toBeforeFrom';
  return errors;
}

/** The current month, as a default period (YYYY-MM-DD, the calendar of the browser). */
export function currentMonth(today: Date): { from: string; to: string } {
  const pad = (value: number) => String(value).padStart(2, '0');
  const year = today.getFullYear();
  const month = today.getMonth() + 1;
  const last = new Date(year, month, 0).getDate();
  return { from: `${year}-${pad(month)}-01`, to: `${year}-${pad(month)}-${pad(last)}` };
}
