import type { BadgeTone } from '../../../components/StatusBadge';
import { TIME_ZONE } from '../../../lib/format';
import type {
  ApplicationStatus,
  FeeBasis,
  FeeRate,
  FeeSchedule,
  MemberFamily,
  MembershipYear,
  YearStatus,
} from './types';

export const YEAR_STATUS_TONES: Record<YearStatus, BadgeTone> = {
  active: 'ok',
  pending: 'warn',
  lapsed: 'danger',
  cancelled: 'neutral',
};

export const APPLICATION_STATUS_TONES: Record<ApplicationStatus, BadgeTone> = {
  pending: 'warn',
  approved: 'ok',
  refused: 'danger',
  withdrawn: 'neutral',
};

/**
 * What a year's status means for the member, as a key of `membership:year.state.*`: a pending
 * year with an invoice still due is « à payer », which says what to do better than « en attente ».
 */
export function yearStateKey(year: Pick<MembershipYear, 'status' | 'invoice'>): string {
  if (year.status === 'pending') {
    if (year.invoice && year.invoice.amountDueCents > 0) return 'unpaid';
    return year.invoice ? 'pending' : 'awaitingDecision';
  }
  return year.status;
}

/** The calendar year (Paris) of an instant: the membership year a service date falls in. */
export function parisYear(at: Date | string): number {
  return Number(
    new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: TIME_ZONE }).format(new Date(at)),
  );
}

export type InactiveReason = 'none' | 'pending' | 'unpaid' | 'lapsed' | 'cancelled';

/**
 * Why the member price does not apply for a year, or null when the membership of that year is
 * active. Said on the booking page before booking.
 */
export function inactiveReason(years: MembershipYear[], year: number): InactiveReason | null {
  const found = years.find((each) => each.year === year);
  if (!found) return 'none';
  if (found.status === 'active') return null;
  if (found.status === 'pending') {
    return found.invoice && found.invoice.amountDueCents > 0 ? 'unpaid' : 'pending';
  }
  return found.status;
}

/** Whether a bracket holds a size: lower bound included, upper bound excluded (the grid's rule). */
export function inBracket(rate: Pick<FeeRate, 'lowerBound' | 'upperBound'>, size: number): boolean {
  return size >= rate.lowerBound && (rate.upperBound === null || size < rate.upperBound);
}

export interface Profile {
  family: MemberFamily;
  headcount: number | null;
  annualBudgetCents: number | null;
}

/**
 * The grid line that applies to a profile: by headcount when the family's grid has headcount
 * brackets and the headcount is given, else by budget. Null when none applies (the api will
 * answer `no_fee_bracket`).
 */
export function rateFor(rates: FeeRate[], profile: Profile): FeeRate | null {
  const bases: [FeeBasis, number | null][] = [
    ['headcount', profile.headcount],
    ['budget', profile.annualBudgetCents],
  ];
  for (const [basis, size] of bases) {
    if (size === null) continue;
    const line = rates.find(
      (rate) => rate.family === profile.family && rate.basis === basis && inBracket(rate, size),
    );
    if (line) return line;
  }
  return null;
}

/** The whole months left in the year after a date (a join on the 1st counts its own month). */
export function wholeMonthsLeft(on: string): number {
  const [, month, day] = on.split('-').map(Number);
  return 12 - month + (day === 1 ? 1 : 0);
}

export interface FeePreview {
  /** The grid line of the profile; null when a first-year fee applies whatever the size. */
  rate: FeeRate | null;
  /** Before the pro rata: the first-year fee or the grid line's amount. */
  gridCents: number;
  amountCents: number;
  firstYear: boolean;
  /** The months paid for, when the join falls after the pro-rata date. */
  prorataMonths: number | null;
}

/**
 * An indicative fee before applying, computed like the api's FeeCalculator: the first-year fee
 * for a first adhésion when the Chambre set one, else the grid line; pro rata of the whole
 * months left for a join on or after the pro-rata date of that same year (rounded half-up to
 * the cent). The invoice, computed by the api, is what counts.
 */
export function previewFee(
  schedule: Pick<FeeSchedule, 'rates' | 'firstYearFeeCents' | 'prorataFrom'>,
  profile: Profile,
  options: { joining: boolean; today: string; year: number },
): FeePreview | null {
  const rate = rateFor(schedule.rates, profile);
  const firstYear = options.joining && schedule.firstYearFeeCents !== null;
  if (!rate && !firstYear) return null;
  const gridCents = firstYear ? schedule.firstYearFeeCents! : rate!.amountCents;
  let amountCents = gridCents;
  let prorataMonths: number | null = null;
  if (
    options.joining &&
    schedule.prorataFrom &&
    options.today >= schedule.prorataFrom &&
    options.today.startsWith(`${options.year}-`)
  ) {
    prorataMonths = wholeMonthsLeft(options.today);
    amountCents = Math.floor((amountCents * prorataMonths + 6) / 12);
  }
  return { rate: firstYear ? null : rate, gridCents, amountCents, firstYear, prorataMonths };
}

/** Today in Paris as YYYY-MM-DD. */
export function parisToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(now);
}

/** The years a member may apply for: this one, and next one from October (renewals). */
export function applicableYears(today: string): number[] {
  const [year, month] = today.split('-').map(Number);
  return month >= 10 ? [year, year + 1] : [year];
}

/** Newest first. */
export function sortYears(years: MembershipYear[]): MembershipYear[] {
  return [...years].sort((a, b) => b.year - a.year);
}
