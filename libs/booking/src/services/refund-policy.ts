import { DateTime } from 'luxon';
import { Money, PARIS_TIME_ZONE } from '@mutualis/core';
import type { CancellationPolicy } from '@mutualis/catalogue';

export interface Refund {
  percent: number;
  /** Including VAT, in cents. */
  amountCents: number;
  /** Whole calendar days, in Paris, from the day of cancellation to the day the service starts. */
  daysBefore: number;
}

/** Calendar days between two instants as dates in Paris (the day of a 09:00 session counts as day 0). */
export function parisDaysBetween(from: Date, to: Date): number {
  const start = DateTime.fromJSDate(from, { zone: PARIS_TIME_ZONE }).startOf('day');
  const end = DateTime.fromJSDate(to, { zone: PARIS_TIME_ZONE }).startOf('day');
  return Math.round(end.diff(start, 'days').days);
}

/**
 * What a cancellation refunds under the booking's policy: the first tier whose number of days
 * before the start is reached, counted in Paris calendar days; nothing once the service began.
 */
export function refundFor(
  policy: CancellationPolicy,
  totalInclVatCents: number,
  startsAt: Date,
  cancelledAt: Date,
): Refund {
  const daysBefore = parisDaysBetween(cancelledAt, startsAt);
  const started = cancelledAt >= startsAt;
  const tier = started
    ? undefined
    : policy.tiers.find((candidate) => daysBefore >= candidate.daysBefore);
  const percent = tier?.refundPercent ?? 0;
  return {
    percent,
    amountCents: Money.ofCents(totalInclVatCents).percentage(percent * 100).cents,
    daysBefore,
  };
}

/** A full refund, whatever the policy: when the Chambre or the consultant cancels. */
export function fullRefund(totalInclVatCents: number, startsAt: Date, cancelledAt: Date): Refund {
  return {
    percent: 100,
    amountCents: totalInclVatCents,
    daysBefore: parisDaysBetween(cancelledAt, startsAt),
  };
}
