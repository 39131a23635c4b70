import type { Booking } from '../types';

export interface RefundTier {
  daysBefore: number;
  refundPercent: number;
}

export interface RefundPreview {
  percent: number;
  /** Including VAT, in cents. */
  amountCents: number;
  /** Whole calendar days in Paris from the day of cancellation to the day the service starts. */
  daysBefore: number;
  /** `nothing_paid`: an unconfirmed booking owes nothing back, whatever the policy. */
  basis: 'policy' | 'nothing_paid';
}

const PARIS_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Paris calendar day of an instant, as a count of days since 1970-01-01. */
function parisDayNumber(instant: Date): number {
  const [year, month, day] = PARIS_DAY.format(instant).split('-').map(Number);
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

/** Calendar days between two instants as dates in Paris (the day of the session is day 0). */
export function parisDaysBetween(from: Date, to: Date): number {
  return parisDayNumber(to) - parisDayNumber(from);
}

/**
 * What cancelling now would refund; mirrors the api (libs/booking/src/services/refund-policy.ts
 * and the cancel-booking use case): only a confirmed booking was paid; then the first tier whose
 * number of days before the start is reached gives the percentage, nothing once the service began,
 * rounded half-up to the cent.
 */
export function refundPreview(
  booking: Pick<Booking, 'status' | 'totalInclVatCents' | 'serviceStartsAt'>,
  tiers: RefundTier[],
  now: Date,
): RefundPreview {
  const startsAt = new Date(booking.serviceStartsAt);
  const daysBefore = parisDaysBetween(now, startsAt);
  if (booking.status !== 'confirmed') {
    return { percent: 0, amountCents: 0, daysBefore, basis: 'nothing_paid' };
  }
  const tier = now >= startsAt ? undefined : tiers.find((each) => daysBefore >= each.daysBefore);
  const percent = tier?.refundPercent ?? 0;
  return {
    percent,
    amountCents: Math.floor((booking.totalInclVatCents * percent + 50) / 100),
    daysBefore,
    basis: 'policy',
  };
}
