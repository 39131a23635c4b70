import { describe, expect, it } from 'vitest';
import {
  bookingPath,
  cancellationPolicyLines,
  durationPhrase,
  sessionAvailability,
} from './offering-facts';
import type { Session } from '../types';

const NOW = new Date('2027-01-10T12:00:00Z');

function session(overrides: Partial<Session> = {}): Session {
  return {
    id: 's1',
    offeringId: 'o1',
    startsAt: '2027-01-20T08:00:00Z',
    endsAt: '2027-01-20T16:00:00Z',
    capacity: 12,
    seatsLeft: 4,
    location: 'Marseille',
    remoteUrl: null,
    registrationDeadline: '2027-01-19T08:00:00Z',
    status: 'scheduled',
    price: { unitPriceCents: 18000, memberPrice: true },
    ...overrides,
  };
}

describe('cancellation policy in words', () => {
  it('lists the tiers from the earliest cancellation, then the latest that refunds nothing', () => {
    expect(
      cancellationPolicyLines({
        tiers: [
          { daysBefore: 7, refundPercent: 50 },
          { daysBefore: 14, refundPercent: 100 },
        ],
      }),
    ).toEqual([
      { key: 'policy.atLeast', values: { count: 14, percent: 100 } },
      { key: 'policy.atLeast', values: { count: 7, percent: 50 } },
      { key: 'policy.later', values: { count: 7 } },
    ]);
  });

  it('says so when nothing is refunded, and when a tier runs until the start', () => {
    expect(cancellationPolicyLines({ tiers: [] })).toEqual([{ key: 'policy.none' }]);
    expect(cancellationPolicyLines({ tiers: [{ daysBefore: 0, refundPercent: 100 }] })).toEqual([
      { key: 'policy.untilStart', values: { percent: 100 } },
    ]);
  });
});

describe('durations', () => {
  it('reads minutes as hours and minutes', () => {
    expect(durationPhrase(420)).toEqual({ key: 'duration.hours', values: { hours: 7 } });
    expect(durationPhrase(90)).toEqual({
      key: 'duration.hoursMinutes',
      values: { hours: 1, minutes: 30 },
    });
    expect(durationPhrase(45)).toEqual({ key: 'duration.minutes', values: { minutes: 45 } });
  });
});

describe('session availability', () => {
  it('is open with seats left, full (waitlist) without, closed after the deadline or once cancelled', () => {
    expect(sessionAvailability(session(), NOW)).toBe('open');
    expect(sessionAvailability(session({ seatsLeft: 0 }), NOW)).toBe('full');
    expect(
      sessionAvailability(session({ registrationDeadline: '2027-01-10T12:00:00Z' }), NOW),
    ).toBe('closed');
    expect(sessionAvailability(session({ status: 'cancelled' }), NOW)).toBe('closed');
  });
});

describe('booking links', () => {
  it('names the session or the slot to book', () => {
    expect(bookingPath('o1', { sessionId: 's1' })).toBe('/book/o1?session=s1');
    expect(bookingPath('o1', { slotId: 'x9' })).toBe('/book/o1?slot=x9');
  });
});
