import i18n from 'i18next';
import { describe, expect, it } from 'vitest';
import '../../../i18n';
import { ApiProblem, type Problem } from '../../../api/problem';
import type { AccountingPeriod, AccountingPeriods, ChartAccount } from '../types';
import {
  accountingYears,
  canClose,
  canValidate,
  chartChanges,
  chartProblems,
  dayLabel,
  entriesPath,
  entriesToValidate,
  entryFiltersFromSearch,
  entryFiltersToSearch,
  entryQuery,
  formatRate,
  monthLabel,
  monthNames,
  monthTitle,
  nextPeriod,
  parisToday,
  periodEnd,
  periodProblemMessage,
  periodState,
  sortChart,
  validatedThrough,
  yearFromSearch,
} from './accounting';

const t = i18n.getFixedT('fr', 'finance');
const tCommon = i18n.getFixedT('fr', 'common');
// ICU's fr-FR keeps the percent sign on the line with a no-break space (U+00A0).
const NBSP = '\u00a0';

function month(period: string, patch: Partial<AccountingPeriod> = {}): AccountingPeriod {
  return {
    period,
    status: 'open',
    closedAt: null,
    closedBy: null,
    entries: 0,
    unvalidatedEntries: 0,
    totalCents: 0,
    ...patch,
  };
}

/** A 2026 where January is closed, February validated, March has 3 entries to validate. */
function year2026(patch: Partial<AccountingPeriods> = {}): AccountingPeriods {
  const periods = Array.from({ length: 12 }, (_, index) =>
    month(`2026-${String(index + 1).padStart(2, '0')}`),
  );
  periods[0] = month('2026-01', { status: 'closed', entries: 10, totalCents: 120_000 });
  periods[1] = month('2026-02', { entries: 4 });
  periods[2] = month('2026-03', { entries: 5, unvalidatedEntries: 3 });
  periods[3] = month('2026-04', { entries: 2, unvalidatedEntries: 2 });
  return { year: 2026, closedThrough: '2026-01', nextToClose: '2026-02', periods, ...patch };
}

function problem(patch: Partial<Problem> & Record<string, unknown>): ApiProblem {
  return new ApiProblem({
    type: 'about:blank',
    title: 'Conflict',
    status: 409,
    detail: 'x',
    code: 'conflict',
    ...patch,
  });
}

describe('the calendar of the books', () => {
  it('takes today in Paris, not in UTC nor in the browser', () => {
    // 23:30 UTC on 31 December is already 1 January in Paris (UTC+1 in winter).
    expect(parisToday(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    // 22:30 UTC on 31 March is 00:30 on 1 April in Paris (UTC+2 in summer).
    expect(parisToday(new Date('2026-03-31T22:30:00Z'))).toBe('2026-04-01');
    expect(parisToday(new Date('2026-03-31T21:30:00Z'))).toBe('2026-03-31');
  });

  it('ends months on their last day, February of leap years included, and turns the year', () => {
    expect(periodEnd('2026-02')).toBe('2026-02-28');
    expect(periodEnd('2028-02')).toBe('2028-02-29');
    expect(periodEnd('2026-12')).toBe('2026-12-31');
    expect(nextPeriod('2026-12')).toBe('2027-01');
    expect(nextPeriod('2026-03')).toBe('2026-04');
  });

  it('names months and days in the reader’s language', () => {
    expect(monthLabel('2026-03')).toBe('mars 2026');
    expect(monthTitle('2026-08')).toBe('Août 2026');
    expect(monthLabel('2026-03', 'en')).toBe('March 2026');
    expect(dayLabel('2026-03-01')).toBe('1 mars 2026');
    expect(dayLabel('2026-02-28', 'en')).toBe('28 February 2026');
    expect(monthNames()[0]).toBe('janvier');
    expect(monthNames()).toHaveLength(12);
  });

  it('offers this year and the four before, plus a year the address names', () => {
    expect(accountingYears('2026-12-07')).toEqual([2026, 2025, 2024, 2023, 2022]);
    expect(accountingYears('2026-12-07', 2019)).toEqual([2026, 2025, 2024, 2023, 2022, 2019]);
    expect(accountingYears('2026-12-07', 2025)).toHaveLength(5);
  });

  it('reads the year from the address, else this one', () => {
    expect(yearFromSearch(new URLSearchParams('year=2025'), '2026-12-07')).toBe(2025);
    for (const bad of ['year=abc', 'year=1999', 'year=2026.5', '']) {
      expect(yearFromSearch(new URLSearchParams(bad), '2026-12-07')).toBe(2026);
    }
  });
});

describe('the months of a fiscal year', () => {
  const today = '2026-04-10';

  it('says what each month is at', () => {
    const view = year2026();
    expect(view.periods.map((period) => periodState(period, today)).slice(0, 6)).toEqual([
      'closed',
      'validated',
      'toValidate',
      'toValidate',
      'future',
      'future',
    ]);
    expect(periodState(month('2026-02'), today)).toBe('empty');
  });

  it('counts entries validated through the last month with entries and none awaiting', () => {
    expect(validatedThrough(year2026(), today)).toBe('2026-02');
    // An empty month after a validated one does not move the mark.
    const quiet = year2026();
    quiet.periods[2] = month('2026-03');
    quiet.periods[3] = month('2026-04');
    expect(validatedThrough(quiet, today)).toBe('2026-02');
    // Entries awaiting validation in January: nothing is validated through.
    const early = year2026();
    early.periods[0] = month('2026-01', { entries: 2, unvalidatedEntries: 1 });
    expect(validatedThrough(early, today)).toBeNull();
  });

  it('offers « Valider » on open months with entries awaiting validation that have begun', () => {
    const view = year2026();
    expect(
      view.periods.filter((period) => canValidate(period, today)).map((p) => p.period),
    ).toEqual(['2026-03', '2026-04']);
    expect(canValidate(month('2026-05', { entries: 1, unvalidatedEntries: 1 }), today)).toBe(false);
    expect(canValidate(month('2026-01', { status: 'closed', unvalidatedEntries: 1 }), today)).toBe(
      false,
    );
  });

  it('counts what a validation would number: the month’s and earlier open months’ entries', () => {
    expect(entriesToValidate(year2026(), '2026-03')).toBe(3);
    expect(entriesToValidate(year2026(), '2026-04')).toBe(5);
  });

  it('offers « Clôturer » only on the next month to close, and only once it is over', () => {
    const view = year2026();
    expect(view.periods.filter((period) => canClose(view, period.period, today))).toHaveLength(1);
    expect(canClose(view, '2026-02', today)).toBe(true);
    expect(canClose(view, '2026-03', today)).toBe(false);
    // The last day of the month is still in it: closing waits for the next day.
    expect(canClose(view, '2026-02', '2026-02-28')).toBe(false);
    expect(canClose(view, '2026-02', '2026-03-01')).toBe(true);
    // An empty journal with nothing closed: none.
    expect(canClose(year2026({ nextToClose: null }), '2026-02', today)).toBe(false);
  });
});

describe('refused validations and closings', () => {
  it('names the month to close first, from the problem’s nextToClose', () => {
    expect(
      periodProblemMessage(
        problem({ code: 'period_closed_out_of_order', nextToClose: '2026-02' }),
        '2026-03',
        t,
        'fr',
      ),
    ).toBe("Les mois se clôturent dans l'ordre : clôturez d'abord février 2026.");
    expect(
      periodProblemMessage(problem({ code: 'period_closed_out_of_order' }), '2026-03', t, 'fr'),
    ).toBe("Les mois se clôturent dans l'ordre : un mois précédent est encore ouvert.");
  });

  it('says from when a month not over may close, and that a closed one is closed', () => {
    expect(periodProblemMessage(problem({ code: 'period_not_over' }), '2026-12', t, 'fr')).toBe(
      "Décembre 2026 n'est pas terminé : il pourra être clôturé à partir du 1 janvier 2027.",
    );
    expect(
      periodProblemMessage(problem({ code: 'period_already_closed' }), '2026-01', t, 'fr'),
    ).toBe('Janvier 2026 est déjà clôturé.');
    expect(
      periodProblemMessage(problem({ status: 422, code: 'period_in_future' }), '2027-01', t, 'fr'),
    ).toContain("Janvier 2027 n'a pas commencé");
  });

  it('leaves other problems to the shared alert', () => {
    expect(periodProblemMessage(problem({ code: 'forbidden' }), '2026-01', t, 'fr')).toBeNull();
    expect(periodProblemMessage(new Error('network'), '2026-01', t, 'fr')).toBeNull();
    expect(periodProblemMessage(null, '2026-01', t, 'fr')).toBeNull();
  });
});

describe('the entries’ filters', () => {
  const today = '2026-12-07';

  it('default to this month, all journals, validated or not', () => {
    expect(entryFiltersFromSearch(new URLSearchParams(''), today)).toEqual({
      period: '2026-12',
      journal: '',
      validated: '',
    });
  });

  it('keep what the address says and drop what is not a filter', () => {
    const filters = entryFiltersFromSearch(
      new URLSearchParams('period=2026-03&journal=BQ&validated=false'),
      today,
    );
    expect(filters).toEqual({ period: '2026-03', journal: 'BQ', validated: 'false' });
    expect(entryFiltersToSearch(filters)).toEqual({
      period: '2026-03',
      journal: 'BQ',
      validated: 'false',
    });
    expect(
      entryFiltersFromSearch(new URLSearchParams('period=2026-13&journal=XX&validated=1'), today),
    ).toEqual({ period: '2026-12', journal: '', validated: '' });
  });

  it('become the api’s query, validated as a boolean and left out when not chosen', () => {
    expect(entryQuery({ period: '2026-03', journal: '', validated: '' })).toEqual({
      period: '2026-03',
    });
    expect(entryQuery({ period: '2026-03', journal: 'VT', validated: 'true' })).toEqual({
      period: '2026-03',
      journal: 'VT',
      validated: true,
    });
    expect(entryQuery({ period: '2026-03', journal: '', validated: 'false' }).validated).toBe(
      false,
    );
  });

  it('link a journal’s month', () => {
    expect(entriesPath('2026-03', 'VT')).toBe(
      '/finance/accounting/entries?period=2026-03&journal=VT',
    );
    expect(entriesPath('2026-03')).toBe('/finance/accounting/entries?period=2026-03');
  });
});

describe('the chart of accounts', () => {
  const account = (patch: Partial<ChartAccount>): ChartAccount => ({
    role: 'bank',
    vatRateBasisPoints: null,
    number: '512000',
    label: 'Banque',
    updatedAt: '2026-01-01T00:00:00Z',
    ...patch,
  });
  const chart = sortChart([
    account({ role: 'vat_collected', vatRateBasisPoints: 550, number: '445713', label: 'TVA 5,5' }),
    account({}),
    account({ role: 'vat_collected', vatRateBasisPoints: 2000, number: '445711', label: 'TVA 20' }),
    account({ role: 'customers', number: '411000', label: 'Clients' }),
  ]);
  const drafts = () =>
    Object.fromEntries(
      chart.map((item) => [
        item.vatRateBasisPoints ? `${item.role}:${item.vatRateBasisPoints}` : item.role,
        { number: item.number, label: item.label },
      ]),
    );

  it('reads customers first, VAT by rate from the highest, bank after', () => {
    expect(chart.map((item) => item.number)).toEqual(['411000', '445711', '445713', '512000']);
  });

  it('writes VAT rates as people do', () => {
    expect(formatRate(2000)).toBe(`20${NBSP}%`);
    expect(formatRate(550)).toBe(`5,5${NBSP}%`);
    expect(formatRate(210, 'en')).toBe('2.1%');
  });

  it('sends only the accounts that changed, trimmed, numbers in capitals, VAT with its rate', () => {
    const changed = drafts();
    changed['vat_collected:550'] = { number: ' 445713a ', label: '  TVA   5,5 % ' };
    changed.bank = { number: '512000', label: 'Banque' };
    expect(chartChanges(chart, changed)).toEqual({
      changes: [
        { role: 'vat_collected', vatRateBasisPoints: 550, number: '445713A', label: 'TVA 5,5 %' },
      ],
      keys: ['vat_collected:550'],
    });
    expect(chartChanges(chart, drafts())).toEqual({ changes: [], keys: [] });
  });

  it('refuses an empty or malformed number and an empty or long label, per account', () => {
    const changed = drafts();
    changed.customers = { number: '41', label: '' };
    changed.bank = { number: '', label: 'x'.repeat(101) };
    changed['vat_collected:2000'] = { number: '4457-11', label: 'TVA' };
    expect(chartChanges(chart, changed)).toEqual({
      errors: {
        customers: { number: 'chart.errors.numberFormat', label: 'chart.errors.labelRequired' },
        bank: { number: 'chart.errors.numberRequired', label: 'chart.errors.labelTooLong' },
        'vat_collected:2000': { number: 'chart.errors.numberFormat' },
      },
    });
  });

  it('puts the api’s field errors back on the accounts sent, in French', () => {
    const refused = problem({
      status: 400,
      code: 'invalid_chart',
      errors: [
        { field: 'accounts[1].number', message: 'a bank account starts with 51' },
        { field: 'accounts.0.label', message: 'a label is 1 to 100 characters on one line' },
        { field: 'accounts', message: 'the number 512000 is used twice' },
      ],
    });
    const { fields, other } = chartProblems(refused, ['customers', 'bank'], t, tCommon);
    expect(fields).toEqual({
      bank: { number: 'Ce compte doit commencer par 51.' },
      customers: { label: "Cette valeur n'est pas valide." },
    });
    expect(other).toEqual(['Le numéro 512000 serait celui de deux comptes.']);
    const stripe = chartProblems(
      problem({
        status: 400,
        code: 'invalid_chart',
        errors: [
          { field: 'accounts[0].number', message: 'a stripe account starts with 46 or 51 or 58' },
        ],
      }),
      ['stripe'],
      t,
      tCommon,
    );
    expect(stripe.fields.stripe?.number).toBe('Ce compte doit commencer par 46, 51 ou 58.');
    expect(chartProblems(null, [], t, tCommon)).toEqual({ fields: {}, other: [] });
  });
});
