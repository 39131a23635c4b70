import type { TFunction } from 'i18next';
import { ApiProblem } from '../../../api/problem';
import type { BadgeTone } from '../../../components/StatusBadge';
import { fieldMessage } from '../../../lib/problem-text';
import { localeTag, TIME_ZONE } from '../../../lib/format';
import type {
  AccountingPeriod,
  AccountingPeriods,
  AccountRole,
  ChartAccount,
  ChartAccountChange,
  JournalCode,
} from '../types';

/**
 * The Chambre's books as finance reads them: months (`YYYY-MM`) of a calendar fiscal year, open
 * or closed, their entries validated or not. Dates are `YYYY-MM-DD` in Paris, as the api's.
 */

export const JOURNAL_CODES: readonly JournalCode[] = ['VT', 'BQ', 'ST', 'OD'];

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isPeriod(text: string | null | undefined): text is string {
  return typeof text === 'string' && PERIOD.test(text);
}

export function isJournalCode(text: string | null | undefined): text is JournalCode {
  return (JOURNAL_CODES as readonly string[]).includes(text ?? '');
}

/** Today in Paris (`YYYY-MM-DD`), whatever the browser's zone: the day the api validates on. */
export function parisToday(now: Date): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** `2026-03` for `2026-03-17`. */
export function periodOf(date: string): string {
  return date.slice(0, 7);
}

export function periodStart(period: string): string {
  return `${period}-01`;
}

/** `2026-02-28` for `2026-02`. */
export function periodEnd(period: string): string {
  const [year, month] = period.split('-').map(Number);
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** `2027-01` after `2026-12`. */
export function nextPeriod(period: string): string {
  const [year, month] = period.split('-').map(Number);
  return new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 7);
}

/** `mars 2026` / `March 2026`. */
export function monthLabel(period: string, language = 'fr'): string {
  const [year, month] = period.split('-').map(Number);
  return new Intl.DateTimeFormat(localeTag(language), {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, month - 1, 15)));
}

/** `Mars 2026`: a month opening a line or a table row. */
export function monthTitle(period: string, language = 'fr'): string {
  const label = monthLabel(period, language);
  return label.charAt(0).toLocaleUpperCase(localeTag(language)) + label.slice(1);
}

/** A day (`YYYY-MM-DD`) in words: `28 février 2026`. */
export function dayLabel(date: string, language = 'fr'): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(localeTag(language), {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, month - 1, day)));
}

/** The months of a year, 1 to 12, in the interface's language (`janvier` …). */
export function monthNames(language = 'fr'): string[] {
  const format = new Intl.DateTimeFormat(localeTag(language), { month: 'long', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, index) =>
    format.format(new Date(Date.UTC(2026, index, 15))),
  );
}

/** What a month is at for finance: closed, or open with entries to validate, or not. */
export type PeriodState = 'closed' | 'toValidate' | 'validated' | 'empty' | 'future';

export const PERIOD_TONES: Record<PeriodState, BadgeTone> = {
  closed: 'ok',
  validated: 'ok',
  toValidate: 'warn',
  empty: 'neutral',
  future: 'neutral',
};

export function periodState(period: AccountingPeriod, today: string): PeriodState {
  if (period.status === 'closed') return 'closed';
  if (period.unvalidatedEntries > 0) return 'toValidate';
  if (periodStart(period.period) > today) return 'future';
  return period.entries > 0 ? 'validated' : 'empty';
}

/**
 * The last month of the year through which every entry is validated (and that holds entries),
 * or null: validation numbers every entry dated up to a month's end, so months validate in order.
 */
export function validatedThrough(view: AccountingPeriods, today: string): string | null {
  let through: string | null = null;
  for (const period of view.periods) {
    if (periodStart(period.period) > today || period.unvalidatedEntries > 0) break;
    if (period.entries > 0) through = period.period;
  }
  return through;
}

/**
 * Validation numbers the entries awaiting it up to the month's end: offered on an open month that
 * has such entries and has begun (the api refuses months to come).
 */
export function canValidate(period: AccountingPeriod, today: string): boolean {
  return (
    period.status === 'open' && period.unvalidatedEntries > 0 && periodStart(period.period) <= today
  );
}

/** The entries a validation of `period` numbers within this year: its own and earlier months'. */
export function entriesToValidate(view: AccountingPeriods, period: string): number {
  return view.periods
    .filter((item) => item.period <= period && item.status === 'open')
    .reduce((sum, item) => sum + item.unvalidatedEntries, 0);
}

/**
 * Months close in order, once over: only the api's `nextToClose`, from the first day after it.
 * (With an empty journal and nothing closed there is nothing to close: none is offered.)
 */
export function canClose(view: AccountingPeriods, period: string, today: string): boolean {
  return view.nextToClose === period && periodEnd(period) < today;
}

/** The day from which a month may close: the first of the next. */
export function closableFrom(period: string): string {
  return periodStart(nextPeriod(period));
}

/** The fiscal years to offer: this one and the previous ones, plus any the address names. */
export function accountingYears(today: string, shown?: number, count = 5): number[] {
  const year = Number(today.slice(0, 4));
  const years = Array.from({ length: count }, (_, index) => year - index);
  if (shown !== undefined && !years.includes(shown)) years.push(shown);
  return years.sort((a, b) => b - a);
}

/** The year in the address (`?year=2025`), else this one. */
export function yearFromSearch(search: URLSearchParams, today: string): number {
  const year = Number(search.get('year'));
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : Number(today.slice(0, 4));
}

export interface EntryFilters {
  period: string;
  journal: JournalCode | '';
  /** 'true': validated only; 'false': awaiting validation; '': all. */
  validated: '' | 'true' | 'false';
}

/** The entries' filters kept in the address; this month by default. */
export function entryFiltersFromSearch(search: URLSearchParams, today: string): EntryFilters {
  const period = search.get('period');
  const journal = search.get('journal');
  const validated = search.get('validated');
  return {
    period: isPeriod(period) ? period : periodOf(today),
    journal: isJournalCode(journal) ? journal : '',
    validated: validated === 'true' || validated === 'false' ? validated : '',
  };
}

export function entryFiltersToSearch(filters: EntryFilters): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== ''));
}

/** The filters as GET /api/finance/accounting/entries query parameters. */
export function entryQuery(filters: EntryFilters): {
  period: string;
  journal?: JournalCode;
  validated?: boolean;
} {
  return {
    period: filters.period,
    ...(filters.journal ? { journal: filters.journal } : {}),
    ...(filters.validated ? { validated: filters.validated === 'true' } : {}),
  };
}

/** The address of a journal's entries for a month. */
export function entriesPath(period: string, journal?: JournalCode): string {
  const query = new URLSearchParams({ period });
  if (journal) query.set('journal', journal);
  return `/finance/accounting/entries?${query.toString()}`;
}

/** A VAT rate in basis points as people write it: `20 %`, `5,5 %`. */
export function formatRate(basisPoints: number, language = 'fr'): string {
  return new Intl.NumberFormat(localeTag(language), {
    style: 'percent',
    maximumFractionDigits: 2,
  }).format(basisPoints / 10_000);
}

/** The order the chart is read in: customers, revenue, VAT by rate, money, then the rest. */
const ROLE_ORDER: readonly AccountRole[] = [
  'customers',
  'revenue_taxable',
  'revenue_exempt_training',
  'revenue_other',
  'revenue_membership',
  'vat_pending',
  'vat_collected',
  'bank',
  'stripe',
  'fees',
  'deferred_income',
];

/** One key per account of the chart: its role, and its rate for the VAT roles. */
export function accountKey(account: Pick<ChartAccount, 'role' | 'vatRateBasisPoints'>): string {
  return account.vatRateBasisPoints
    ? `${account.role}:${account.vatRateBasisPoints}`
    : account.role;
}

export function sortChart(accounts: readonly ChartAccount[]): ChartAccount[] {
  return [...accounts].sort(
    (a, b) =>
      ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) ||
      (b.vatRateBasisPoints ?? 0) - (a.vatRateBasisPoints ?? 0),
  );
}

export interface AccountDraft {
  number: string;
  label: string;
}

/** The same rule as the api's: 3 digits, then up to 17 digits or capital letters. */
const ACCOUNT_NUMBER = /^[0-9]{3}[0-9A-Z]{0,17}$/;

export type ChartErrors = Record<string, Partial<Record<'number' | 'label', string>>>;

/**
 * The chart's form, checked: the accounts whose number or label changed (trimmed; the number
 * in capitals), or message keys per account and field. Which classes a role's account may take
 * is the api's rule; its answer is shown next to the field.
 */
export function chartChanges(
  accounts: readonly ChartAccount[],
  drafts: Record<string, AccountDraft>,
): { changes: ChartAccountChange[]; keys: string[] } | { errors: ChartErrors } {
  const errors: ChartErrors = {};
  const changes: ChartAccountChange[] = [];
  const keys: string[] = [];
  for (const account of accounts) {
    const key = accountKey(account);
    const draft = drafts[key];
    if (!draft) continue;
    const number = draft.number.trim().toUpperCase();
    const label = draft.label.replace(/\s+/g, ' ').trim();
    const problems: Partial<Record<'number' | 'label', string>> = {};
    if (number === '') problems.number = 'chart.errors.numberRequired';
    else if (!ACCOUNT_NUMBER.test(number)) problems.number = 'chart.errors.numberFormat';
    if (label === '') problems.label = 'chart.errors.labelRequired';
    else if (label.length > 100) problems.label = 'chart.errors.labelTooLong';
    if (Object.keys(problems).length > 0) {
      errors[key] = problems;
      continue;
    }
    if (number === account.number && label === account.label) continue;
    changes.push({
      role: account.role,
      ...(account.vatRateBasisPoints ? { vatRateBasisPoints: account.vatRateBasisPoints } : {}),
      number,
      label,
    });
    keys.push(key);
  }
  return Object.keys(errors).length > 0 ? { errors } : { changes, keys };
}

/**
 * The api's field errors on a chart it refused, put back on the accounts sent (`accounts[2].number`
 * or `accounts.2.number` is the third account sent), worded for the reader; the others (a number
 * used twice across the chart) are returned apart.
 */
export function chartProblems(
  error: unknown,
  sentKeys: readonly string[],
  t: TFunction,
  tCommon: TFunction,
  language = 'fr',
): { fields: Record<string, Partial<Record<'number' | 'label', string>>>; other: string[] } {
  const fields: Record<string, Partial<Record<'number' | 'label', string>>> = {};
  const other: string[] = [];
  if (!(error instanceof ApiProblem)) return { fields, other };
  for (const { field, message } of error.problem.errors ?? []) {
    const match = /^accounts(?:\[(\d+)\]|\.(\d+))\.(number|label)$/.exec(field);
    const key = match ? sentKeys[Number(match[1] ?? match[2])] : undefined;
    const text = chartFieldMessage(message, t, tCommon, language);
    if (match && key) {
      fields[key] = { ...fields[key], [match[3] as 'number' | 'label']: text };
    } else {
      other.push(text);
    }
  }
  return { fields, other };
}

/** The api's words on a chart field (English) in the reader's. */
export function chartFieldMessage(
  message: string,
  t: TFunction,
  tCommon: TFunction,
  language = 'fr',
): string {
  const prefixes = /starts with (.+)$/.exec(message);
  if (prefixes) {
    const list = new Intl.ListFormat(localeTag(language), { type: 'disjunction' });
    return t('chart.errors.numberClass', { prefixes: list.format(prefixes[1].split(' or ')) });
  }
  const twice = /the number (\S+) is used twice/.exec(message);
  if (twice) return t('chart.errors.numberTaken', { number: twice[1] });
  if (/3 digits/.test(message)) return t('chart.errors.numberFormat');
  return fieldMessage(message, tCommon);
}

/** Whether the api refused because the books changed meanwhile (or the order): retrying won't do. */
export function isConflict(error: unknown): boolean {
  return error instanceof ApiProblem && error.problem.status === 409;
}

/**
 * A refused validation or closing in words, with what the api says would work: the month to
 * close first, the day from which the month may close. Null for other problems (the shared
 * alert words them).
 */
export function periodProblemMessage(
  error: unknown,
  period: string,
  t: TFunction,
  language: string,
): string | null {
  if (!(error instanceof ApiProblem)) return null;
  const problem = error.problem as ApiProblem['problem'] & Record<string, unknown>;
  switch (problem.code) {
    case 'period_closed_out_of_order':
      return isPeriod(problem.nextToClose as string)
        ? t('periods.problem.outOfOrder', {
            month: monthLabel(problem.nextToClose as string, language),
          })
        : t('periods.problem.outOfOrderUnknown');
    case 'period_already_closed':
      return t('periods.problem.alreadyClosed', { month: monthTitle(period, language) });
    case 'period_not_over':
      return t('periods.problem.notOver', {
        month: monthTitle(period, language),
        date: dayLabel(closableFrom(period), language),
      });
    case 'period_in_future':
      return t('periods.problem.inFuture', { month: monthTitle(period, language) });
    default:
      return null;
  }
}
