import { DEFAULT_CANCELLATION_POLICY } from '@mutualis/catalogue';
import { parisDaysBetween, refundFor } from './refund-policy';

// A session on Friday 15 January 2027 at 09:00 in Paris (08:00 UTC), 30 000 cents excl. VAT at
// 20 %: 36 000 cents incl. VAT.
const startsAt = new Date('2027-01-15T08:00:00Z');
const price = { totalExclVatCents: 30_000, vatRateBasisPoints: 2000 };
const refundAt = (instant: string) =>
  refundFor(DEFAULT_CANCELLATION_POLICY, price, startsAt, new Date(instant));

describe('refund policy (default: 100 % until D-14, 50 % until D-7, nothing after)', () => {
  it('refunds everything up to the last minute of D-14 in Paris', () => {
    expect(refundAt('2026-12-20T10:00:00Z')).toEqual({
      percent: 100,
      amountCents: 36_000,
      daysBefore: 26,
    });
    // 1 January 2027, 23:59 in Paris is 22:59 UTC: still D-14.
    expect(refundAt('2027-01-01T22:59:00Z')).toMatchObject({ percent: 100, daysBefore: 14 });
  });

  it('refunds half from D-13 in Paris, even when it is still D-14 in UTC', () => {
    // 23:30 UTC on 1 January is 00:30 on 2 January in Paris: D-13.
    expect(refundAt('2027-01-01T23:30:00Z')).toEqual({
      percent: 50,
      amountCents: 18_000,
      daysBefore: 13,
    });
    expect(refundAt('2027-01-08T22:59:00Z')).toMatchObject({ percent: 50, daysBefore: 7 });
  });

  it('refunds nothing from D-6, on the day, or after the start', () => {
    expect(refundAt('2027-01-08T23:00:00Z')).toMatchObject({
      percent: 0,
      amountCents: 0,
      daysBefore: 6,
    });
    expect(refundAt('2027-01-15T07:59:00Z')).toMatchObject({ percent: 0, daysBefore: 0 });
    expect(refundAt('2027-01-15T09:00:00Z')).toMatchObject({ percent: 0 });
  });

  it('rounds the share of the price excluding VAT half-up, then adds the VAT on it', () => {
    const half = (excl: number, rate: number) =>
      refundFor(
        { tiers: [{ daysBefore: 0, refundPercent: 50 }] },
        { totalExclVatCents: excl, vatRateBasisPoints: rate },
        startsAt,
        new Date('2027-01-01T10:00:00Z'),
      ).amountCents;
    expect(half(101, 0)).toBe(51);
    // 123,45 € + 24,69 € VAT = 148,14 €: half is 61,73 € + 12,35 € VAT = 74,08 € (the credit
    // note's total), not half of 148,14 € (74,07 €).
    expect(half(12_345, 2000)).toBe(7_408);
  });

  it('counts calendar days across the change to summer time', () => {
    // Paris moves to UTC+2 on 28 March 2027.
    expect(
      parisDaysBetween(new Date('2027-03-27T12:00:00Z'), new Date('2027-03-29T07:00:00Z')),
    ).toBe(2);
  });
});
