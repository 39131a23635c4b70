/**
 * Accounting periods are calendar months (`YYYY-MM`); the fiscal year is the calendar year (the
 * Chambre closes on 31 December). Dates are YYYY-MM-DD strings throughout: no time zone.
 */

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The period `2026-03`, or null when the text is not one (or outside 2000–2100). */
export function parsePeriod(text: string): { year: number; month: number } | null {
  const match = PERIOD.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 2000 || year > 2100) return null;
  return { year, month: Number(match[2]) };
}

/** `2026-03-01` for `2026-03`. */
export function periodStart(period: string): string {
  return `${period}-01`;
}

/** `2026-03-31` for `2026-03`. */
export function periodEnd(period: string): string {
  const [year, month] = period.split('-').map(Number);
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** `2026-04` after `2026-03`, `2027-01` after `2026-12`. */
export function nextPeriod(period: string): string {
  const [year, month] = period.split('-').map(Number);
  return new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 7);
}

/** `2026-03` for `2026-03-17`. */
export function periodOf(date: string): string {
  return date.slice(0, 7);
}

/**
 * Where an entry of `date` goes when the books are closed through `closedThrough` (a period,
 * or null when none is): its own date if its month is open, else the first day of the first
 * open month.
 */
export function openDate(date: string, closedThrough: string | null): string {
  if (closedThrough === null || periodOf(date) > closedThrough) return date;
  return periodStart(nextPeriod(closedThrough));
}

/** The twelve periods of a fiscal year. */
export function periodsOf(year: number): string[] {
  return Array.from({ length: 12 }, (_, index) => `${year}-${String(index + 1).padStart(2, '0')}`);
}
