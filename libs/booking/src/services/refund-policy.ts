import { DateTime } from 'luxon';
import { PARIS_TIME_ZONE, refundInclVat } from '@mutualis/core';
import type { CancellationPolicy } from '@mutualis/catalogue';

/** What a booking was sold for, as its invoice will say: one line at one VAT rate. */
export interface RefundablePrice {
  totalExclVatCents: number;
  vatRateBasisPoints: number;
}

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
 * The amount is the total of the credit note that documents it (refundInclVat: the share of the
 * price excluding VAT, and the VAT on that share), never a percentage of the price including VAT.
 */
export function refundFor(
  policy: CancellationPolicy,
  price: RefundablePrice,
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
    amountCents: refundInclVat(price.totalExclVatCents, price.vatRateBasisPoints, percent),
    daysBefore,
  };
}

/** A full refund, whatever the policy: when the Chambre or the consultant cancels. */
export function fullRefund(price: RefundablePrice, startsAt: Date, cancelledAt: Date): Refund {
  return {
    percent: 100,
    amountCents: refundInclVat(price.totalExclVatCents, price.vatRateBasisPoints, 100),
    daysBefore: parisDaysBetween(cancelledAt, startsAt),
  };
}
