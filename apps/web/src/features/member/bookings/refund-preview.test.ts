import { describe, expect, it } from 'vitest';
import { parisDaysBetween, refundPreview } from './refund-preview';

// The api's default policy: 100 % until D-14, 50 % until D-7, nothing after.
const tiers = [
  { daysBefore: 14, refundPercent: 100 },
  { daysBefore: 7, refundPercent: 50 },
];
// Friday 15 January 2027 at 09:00 in Paris (08:00 UTC), 36 000 cents incl. VAT.
const booking = {
  status: 'confirmed' as const,
  totalInclVatCents: 36_000,
  serviceStartsAt: '2027-01-15T08:00:00Z',
};
const at = (instant: string) => refundPreview(booking, tiers, new Date(instant));

describe('refundPreview (mirrors the api’s refund policy)', () => {
  it('refunds everything up to the last minute of D-14 in Paris', () => {
    expect(at('2026-12-20T10:00:00Z')).toEqual({
      percent: 100,
      amountCents: 36_000,
      daysBefore: 26,
      basis: 'policy',
    });
    // 1 January 2027, 23:59 in Paris is 22:59 UTC: still D-14.
    expect(at('2027-01-01T22:59:00Z')).toMatchObject({ percent: 100, daysBefore: 14 });
  });

  it('refunds half from D-13 in Paris, even while it is still D-14 in UTC', () => {
    expect(at('2027-01-01T23:30:00Z')).toEqual({
      percent: 50,
      amountCents: 18_000,
      daysBefore: 13,
      basis: 'policy',
    });
    expect(at('2027-01-08T22:59:00Z')).toMatchObject({ percent: 50, daysBefore: 7 });
  });

  it('refunds nothing from D-6, on the day, or after the start', () => {
    expect(at('2027-01-08T23:00:00Z')).toMatchObject({ percent: 0, amountCents: 0, daysBefore: 6 });
    expect(at('2027-01-15T07:59:00Z')).toMatchObject({ percent: 0, daysBefore: 0 });
    expect(at('2027-01-15T09:00:00Z')).toMatchObject({ percent: 0, amountCents: 0 });
  });

  it('rounds a partial refund half-up to the cent', () => {
    expect(
      refundPreview(
        { ...booking, totalInclVatCents: 101 },
        [{ daysBefore: 0, refundPercent: 50 }],
        new Date('2027-01-01T10:00:00Z'),
      ),
    ).toMatchObject({ amountCents: 51 });
  });

  it('owes nothing back for a booking that was never paid', () => {
    for (const status of ['pending_payment', 'waitlisted', 'offered'] as const) {
      expect(
        refundPreview({ ...booking, status }, tiers, new Date('2026-12-01T10:00:00Z')),
      ).toEqual({ percent: 0, amountCents: 0, daysBefore: 45, basis: 'nothing_paid' });
    }
  });

  it('refunds nothing under a policy without tiers', () => {
    expect(refundPreview(booking, [], new Date('2026-12-01T10:00:00Z'))).toMatchObject({
      percent: 0,
      amountCents: 0,
    });
  });

  it('counts calendar days across the change to summer time', () => {
    // Paris moves to UTC+2 on 28 March 2027.
    expect(
      parisDaysBetween(new Date('2027-03-27T12:00:00Z'), new Date('2027-03-29T07:00:00Z')),
    ).toBe(2);
  });
});
