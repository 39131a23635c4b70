import type { CancellationPolicy, Session } from '../types';

/** A sentence to translate: its message key (in the `public` namespace) and its values. */
export interface Phrase {
  key: string;
  values?: Record<string, number>;
}

/**
 * The cancellation policy in words, one line per refund tier from the earliest cancellation,
 * then what a later one costs. A tier refunds its percentage when cancelling at least its
 * number of days before the start.
 */
export function cancellationPolicyLines(policy: CancellationPolicy): Phrase[] {
  const tiers = [...policy.tiers].sort((a, b) => b.daysBefore - a.daysBefore);
  if (tiers.length === 0) return [{ key: 'policy.none' }];
  const lines = tiers.map((tier): Phrase =>
    tier.daysBefore === 0
      ? { key: 'policy.untilStart', values: { percent: tier.refundPercent } }
      : { key: 'policy.atLeast', values: { count: tier.daysBefore, percent: tier.refundPercent } },
  );
  const latest = tiers[tiers.length - 1].daysBefore;
  if (latest > 0) lines.push({ key: 'policy.later', values: { count: latest } });
  return lines;
}

/** A duration in minutes as hours and minutes: 420 → "7 h", 90 → "1 h 30", 45 → "45 min". */
export function durationPhrase(minutes: number): Phrase {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return { key: 'duration.minutes', values: { minutes: rest } };
  if (rest === 0) return { key: 'duration.hours', values: { hours } };
  return { key: 'duration.hoursMinutes', values: { hours, minutes: rest } };
}

export type Availability = 'open' | 'full' | 'closed';

/**
 * Whether a session can be booked now: closed once cancelled, over or past its registration
 * deadline; full (a booking joins the waitlist) when no seat is left.
 */
export function sessionAvailability(session: Session, now: Date): Availability {
  if (session.status !== 'scheduled') return 'closed';
  if (new Date(session.registrationDeadline).getTime() <= now.getTime()) return 'closed';
  return session.seatsLeft > 0 ? 'open' : 'full';
}

/** The booking page for a session or a consultation slot (built by the member area). */
export function bookingPath(
  offeringId: string,
  choice: { sessionId: string } | { slotId: string },
): string {
  const query =
    'sessionId' in choice
      ? new URLSearchParams({ session: choice.sessionId })
      : new URLSearchParams({ slot: choice.slotId });
  return `/book/${offeringId}?${query.toString()}`;
}
