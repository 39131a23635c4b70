/** Fiscal years offered for the FEC: this one and the previous ones, most recent first. */
export function fiscalYears(today: Date, count = 5): number[] {
  const year = today.getFullYear();
  return Array.from({ length: count }, (_, index) => year - index);
}

export function fecPath(year: number): string {
  return `/api/finance/exports/fec?year=${year}`;
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
