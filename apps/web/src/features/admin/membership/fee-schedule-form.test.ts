import { describe, expect, it } from 'vitest';
import { feeScheduleRequest, formFromSchedule, type FeeScheduleForm } from './fee-schedule-form';
import type { FeeSchedule } from './types';

const stored: FeeSchedule = {
  year: 2027,
  vatTreatment: 'out_of_scope',
  vatMention: 'Cotisation hors champ de la TVA',
  updatedAt: '2026-12-01T09:00:00Z',
  firstYearFeeCents: null,
  prorataFrom: '2027-07-01',
  graceUntil: '2027-03-31',
  reminderDays: [30, 60],
  finalNoticeDays: 75,
  publicBodiesActiveOnApproval: true,
  rates: [
    {
      family: 'association',
      basis: 'headcount',
      lowerBound: 0,
      upperBound: 10,
      amountCents: 10_000,
    },
    {
      family: 'cooperative',
      basis: 'budget',
      lowerBound: 0,
      upperBound: 10_000_000,
      amountCents: 30_050,
    },
  ],
};

function form(change: Partial<FeeScheduleForm> = {}): FeeScheduleForm {
  return { ...formFromSchedule(stored), ...change };
}

describe('the fee grid editor', () => {
  it('gives back the stored grid unchanged (budget bounds typed in euros)', () => {
    const shown = formFromSchedule(stored);
    expect(shown.rates[1]).toMatchObject({ lower: '0,00', upper: '100000,00', amount: '300,50' });
    const { year: _year, vatMention: _mention, updatedAt: _updatedAt, ...body } = stored;
    expect(feeScheduleRequest(shown, 2027)).toEqual({ ok: true, body });
  });

  it('starts a year without a grid from the usual reminders and one line', () => {
    const fresh = formFromSchedule(null);
    expect(fresh).toMatchObject({ reminderDays: '30, 60', finalNoticeDays: '75' });
    expect(fresh.rates).toHaveLength(1);
  });

  it('names each wrong cell by the api field it would have failed', () => {
    const rows = form().rates;
    const result = feeScheduleRequest(
      form({
        rates: [
          { ...rows[0], lower: '10', upper: '5', amount: 'cent' },
          { ...rows[1], lower: '-1' },
        ],
      }),
      2027,
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        'rates.0.upperBound': 'upperAboveLower',
        'rates.0.amountCents': 'amountInvalid',
        'rates.1.lowerBound': 'boundInvalid',
      },
    });
  });

  it('refuses overlapping brackets of one family and basis, not touching ones', () => {
    const rows = form().rates;
    const touching = [rows[0], { ...rows[0], key: 99, lower: '10', upper: '', amount: '200' }];
    expect(feeScheduleRequest(form({ rates: touching }), 2027).ok).toBe(true);
    const overlapping = [rows[0], { ...rows[0], key: 99, lower: '5', upper: '', amount: '200' }];
    expect(feeScheduleRequest(form({ rates: overlapping }), 2027)).toEqual({
      ok: false,
      errors: { 'rates.0.lowerBound': 'overlap', 'rates.1.lowerBound': 'overlap' },
    });
  });

  it('wants reminders in order before the final notice, and a pro-rata date in the year', () => {
    expect(feeScheduleRequest(form({ reminderDays: '60, 30' }), 2027)).toMatchObject({
      errors: { reminderDays: 'daysAscending' },
    });
    expect(feeScheduleRequest(form({ reminderDays: '30, 90' }), 2027)).toMatchObject({
      errors: { finalNoticeDays: 'finalAfterReminders' },
    });
    expect(feeScheduleRequest(form({ prorataFrom: '2026-09-01' }), 2027)).toMatchObject({
      errors: { prorataFrom: 'dateInYear' },
    });
    expect(feeScheduleRequest(form({ rates: [] }), 2027)).toMatchObject({
      errors: { rates: 'ratesEmpty' },
    });
  });
});
