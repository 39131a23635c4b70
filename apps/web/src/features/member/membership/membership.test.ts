import { describe, expect, it } from 'vitest';
import en from '../../../i18n/locales/en/membership.json';
import fr from '../../../i18n/locales/fr/membership.json';
import {
  applicableYears,
  inactiveReason,
  parisYear,
  previewFee,
  rateFor,
  wholeMonthsLeft,
  yearStateKey,
} from './membership';
import type { FeeRate, MembershipYear } from './types';

function keys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value).flatMap(([key, item]) =>
    keys(item, prefix ? `${prefix}.${key}` : key),
  );
}

const year = (overrides: Partial<MembershipYear>): MembershipYear => ({
  year: 2027,
  status: 'active',
  feeCents: 25_000,
  invoice: null,
  certificateAvailable: false,
  ...overrides,
});

const rates: FeeRate[] = [
  { family: 'association', basis: 'headcount', lowerBound: 0, upperBound: 10, amountCents: 10_000 },
  {
    family: 'association',
    basis: 'headcount',
    lowerBound: 10,
    upperBound: 50,
    amountCents: 25_000,
  },
  {
    family: 'association',
    basis: 'headcount',
    lowerBound: 50,
    upperBound: null,
    amountCents: 60_000,
  },
  {
    family: 'cooperative',
    basis: 'budget',
    lowerBound: 0,
    upperBound: 10_000_000,
    amountCents: 30_000,
  },
];

describe('membership messages', () => {
  it('say the same things in French and in English', () => {
    expect(keys(en).sort()).toEqual(keys(fr).sort());
  });
});

describe('the wording of a year', () => {
  it('says « à payer » for a pending year whose invoice is still due, not « en attente »', () => {
    const invoice = { id: 'i', number: 'F-2027-000001', status: 'issued', amountDueCents: 25_000 };
    expect(yearStateKey(year({ status: 'pending', invoice }))).toBe('unpaid');
    expect(
      yearStateKey(year({ status: 'pending', invoice: { ...invoice, amountDueCents: 0 } })),
    ).toBe('pending');
    expect(yearStateKey(year({ status: 'pending' }))).toBe('awaitingDecision');
    expect(yearStateKey(year({ status: 'lapsed' }))).toBe('lapsed');
    expect(yearStateKey(year({ status: 'cancelled' }))).toBe('cancelled');
  });
});

describe('why the member price does not apply', () => {
  it('is nothing when the year is active, and says none, unpaid, lapsed or cancelled otherwise', () => {
    const invoice = { id: 'i', number: null, status: 'issued', amountDueCents: 100 };
    expect(inactiveReason([year({})], 2027)).toBeNull();
    expect(inactiveReason([year({})], 2028)).toBe('none');
    expect(inactiveReason([year({ status: 'pending', invoice })], 2027)).toBe('unpaid');
    expect(inactiveReason([year({ status: 'pending' })], 2027)).toBe('pending');
    expect(inactiveReason([year({ status: 'lapsed' })], 2027)).toBe('lapsed');
    expect(inactiveReason([year({ status: 'cancelled' })], 2027)).toBe('cancelled');
  });

  it('reads the year of the service date in Paris (a session at 00:30 on 1 January is next year)', () => {
    expect(parisYear('2026-12-31T23:30:00Z')).toBe(2027);
    expect(parisYear('2027-12-31T22:30:00Z')).toBe(2027);
  });
});

describe('the fee before applying', () => {
  it('finds the bracket with its lower bound included and its upper bound excluded', () => {
    const profile = { family: 'association' as const, annualBudgetCents: null };
    expect(rateFor(rates, { ...profile, headcount: 9 })?.amountCents).toBe(10_000);
    expect(rateFor(rates, { ...profile, headcount: 10 })?.amountCents).toBe(25_000);
    expect(rateFor(rates, { ...profile, headcount: 400 })?.amountCents).toBe(60_000);
  });

  it('falls back on the budget brackets when the family has no headcount grid', () => {
    expect(
      rateFor(rates, { family: 'cooperative', headcount: 12, annualBudgetCents: 5_000_000 })
        ?.amountCents,
    ).toBe(30_000);
    expect(
      rateFor(rates, { family: 'cooperative', headcount: 12, annualBudgetCents: 10_000_000 }),
    ).toBeNull();
    expect(rateFor(rates, { family: 'mutual', headcount: 3, annualBudgetCents: null })).toBeNull();
  });

  it('applies the first-year fee and the pro rata of whole months left only to a join', () => {
    const schedule = { rates, firstYearFeeCents: null, prorataFrom: '2027-07-01' };
    const profile = { family: 'association' as const, headcount: 20, annualBudgetCents: null };
    expect(
      previewFee(schedule, profile, { joining: false, today: '2027-09-15', year: 2027 }),
    ).toMatchObject({
      amountCents: 25_000,
      prorataMonths: null,
    });
    // Joined on 15 September: October to December, 3/12 of 250 € = 62,50 €.
    expect(
      previewFee(schedule, profile, { joining: true, today: '2027-09-15', year: 2027 }),
    ).toMatchObject({
      gridCents: 25_000,
      amountCents: 6_250,
      prorataMonths: 3,
    });
    expect(
      previewFee(schedule, profile, { joining: true, today: '2027-03-01', year: 2027 })
        ?.amountCents,
    ).toBe(25_000);
    expect(
      previewFee({ ...schedule, firstYearFeeCents: 5_000, prorataFrom: null }, profile, {
        joining: true,
        today: '2027-03-01',
        year: 2027,
      }),
    ).toMatchObject({ amountCents: 5_000, firstYear: true, rate: null });
    // A first-year fee needs no bracket; a renewal without one has no fee to show.
    const mutual = { family: 'mutual' as const, headcount: 3, annualBudgetCents: null };
    expect(
      previewFee({ ...schedule, firstYearFeeCents: 5_000 }, mutual, {
        joining: true,
        today: '2027-03-01',
        year: 2027,
      })?.amountCents,
    ).toBe(5_000);
    expect(
      previewFee(schedule, mutual, { joining: false, today: '2027-03-01', year: 2027 }),
    ).toBeNull();
    // Applying in October for next year: no pro rata of this year's months.
    expect(
      previewFee({ ...schedule, prorataFrom: '2028-07-01' }, profile, {
        joining: true,
        today: '2027-10-15',
        year: 2028,
      })?.prorataMonths,
    ).toBeNull();
  });

  it('rounds the pro rata half-up to the cent', () => {
    // 100,01 € × 1/12 = 8,334… → 8,33 €; 100,02 € × 5/12 = 41,675 → 41,68 €.
    const profile = { family: 'association' as const, headcount: 1, annualBudgetCents: null };
    const one = [{ ...rates[0], amountCents: 10_001 }];
    expect(
      previewFee({ rates: one, firstYearFeeCents: null, prorataFrom: '2027-01-01' }, profile, {
        joining: true,
        today: '2027-11-20',
        year: 2027,
      })?.amountCents,
    ).toBe(833);
    const two = [{ ...rates[0], amountCents: 10_002 }];
    expect(
      previewFee({ rates: two, firstYearFeeCents: null, prorataFrom: '2027-01-01' }, profile, {
        joining: true,
        today: '2027-07-02',
        year: 2027,
      })?.amountCents,
    ).toBe(4_168);
  });

  it('counts the join month when joining on its first day', () => {
    expect(wholeMonthsLeft('2027-10-01')).toBe(3);
    expect(wholeMonthsLeft('2027-10-02')).toBe(2);
    expect(wholeMonthsLeft('2027-12-31')).toBe(0);
  });
});

describe('the years one may apply for', () => {
  it('is this year, and next year too from October (renewals)', () => {
    expect(applicableYears('2027-03-10')).toEqual([2027]);
    expect(applicableYears('2027-10-01')).toEqual([2027, 2028]);
  });
});
