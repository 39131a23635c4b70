import {
  bracketFor,
  bracketLabel,
  computeFee,
  FeeGrid,
  FeeProfile,
  prorate,
  wholeMonthsLeft,
} from './fee-calculation';
import { gridProblems } from './fee-grid-rules';

const grid: FeeGrid = {
  year: 2027,
  vatTreatment: 'out_of_scope',
  firstYearFeeCents: null,
  prorataFrom: null,
  rates: [
    {
      family: 'association',
      basis: 'headcount',
      lowerBound: 0,
      upperBound: 10,
      amountCents: 8_000,
    },
    {
      family: 'association',
      basis: 'headcount',
      lowerBound: 10,
      upperBound: 50,
      amountCents: 18_000,
    },
    {
      family: 'association',
      basis: 'headcount',
      lowerBound: 50,
      upperBound: null,
      amountCents: 45_000,
    },
    {
      family: 'cooperative',
      basis: 'budget',
      lowerBound: 0,
      upperBound: 50_000_000,
      amountCents: 25_000,
    },
    {
      family: 'cooperative',
      basis: 'budget',
      lowerBound: 50_000_000,
      upperBound: null,
      amountCents: 60_000,
    },
  ],
};

const association = (
  headcount: number | null,
  annualBudgetCents: number | null = null,
): FeeProfile => ({
  family: 'association',
  headcount,
  annualBudgetCents,
});

describe('the bracket of a profile', () => {
  it('takes the bracket whose lower bound is included and upper bound excluded', () => {
    expect(bracketFor(grid.rates, association(9))?.amountCents).toBe(8_000);
    expect(bracketFor(grid.rates, association(10))?.amountCents).toBe(18_000);
    expect(bracketFor(grid.rates, association(49))?.amountCents).toBe(18_000);
    expect(bracketFor(grid.rates, association(50))?.amountCents).toBe(45_000);
    expect(bracketFor(grid.rates, association(5_000))?.amountCents).toBe(45_000);
  });

  it('measures by the basis the profile declares, and only within its family', () => {
    const cooperative: FeeProfile = {
      family: 'cooperative',
      headcount: 12,
      annualBudgetCents: 60_000_000,
    };
    expect(bracketFor(grid.rates, cooperative)?.amountCents).toBe(60_000);
    expect(bracketFor(grid.rates, { ...cooperative, annualBudgetCents: null })).toBeNull();
    expect(
      bracketFor(grid.rates, { family: 'mutual', headcount: 12, annualBudgetCents: null }),
    ).toBeNull();
  });
});

describe('computeFee', () => {
  const on = '2027-02-10';

  it('is the bracket’s amount, described with the family and the bracket', () => {
    expect(computeFee(grid, association(12), { joining: false, on })).toEqual({
      amountCents: 18_000,
      description: 'Cotisation 2027 — association, 10 à 49 salariés',
    });
  });

  it('is the first-year fee when joining and the grid has one, not when renewing', () => {
    const withFirstYear = { ...grid, firstYearFeeCents: 5_000 };
    expect(computeFee(withFirstYear, association(12), { joining: true, on }).amountCents).toBe(
      5_000,
    );
    expect(computeFee(withFirstYear, association(12), { joining: false, on }).amountCents).toBe(
      18_000,
    );
  });

  it('charges a join on or after prorataFrom the whole months left, rounded half-up', () => {
    const prorata = { ...grid, prorataFrom: '2027-07-01' };
    // 1 July: July to December, 6 months.
    expect(computeFee(prorata, association(12), { joining: true, on: '2027-07-01' })).toEqual({
      amountCents: 9_000,
      description: 'Cotisation 2027 — association, 10 à 49 salariés, prorata 6/12',
    });
    // 15 September: October to December, 3 months of 45 000 = 11 250.
    expect(
      computeFee(prorata, association(60), { joining: true, on: '2027-09-15' }).amountCents,
    ).toBe(11_250);
    expect(
      computeFee(prorata, association(12), { joining: true, on: '2027-06-30' }).amountCents,
    ).toBe(18_000);
    // A renewal pays the whole year, whenever.
    expect(
      computeFee(prorata, association(12), { joining: false, on: '2027-09-15' }).amountCents,
    ).toBe(18_000);
  });

  it('does not prorate a join decided before the year starts', () => {
    const prorata = { ...grid, prorataFrom: '2027-07-01' };
    expect(
      computeFee(prorata, association(12), { joining: true, on: '2026-12-15' }).amountCents,
    ).toBe(18_000);
  });

  it('refuses a profile no bracket fits', () => {
    expect(() => computeFee(grid, association(null, 1_000), { joining: false, on })).toThrow(
      /no bracket/,
    );
  });
});

describe('months and rounding', () => {
  it('counts the whole months left', () => {
    expect(wholeMonthsLeft('2027-01-01')).toBe(12);
    expect(wholeMonthsLeft('2027-01-02')).toBe(11);
    expect(wholeMonthsLeft('2027-12-01')).toBe(1);
    expect(wholeMonthsLeft('2027-12-31')).toBe(0);
  });

  it('rounds a pro rata half-up, in integers', () => {
    expect(prorate(1_001, 6)).toBe(501); // 500.5
    expect(prorate(1_000, 1)).toBe(83); // 83.33
    expect(prorate(1_010, 1)).toBe(84); // 84.17
    expect(prorate(18_000, 12)).toBe(18_000);
  });
});

describe('bracket labels', () => {
  it('reads the bounds in French', () => {
    expect(bracketLabel(grid.rates[0])).toBe('moins de 10 salariés');
    expect(bracketLabel(grid.rates[2])).toBe('50 salariés et plus');
    expect(bracketLabel(grid.rates[3]).replace(/\s/g, ' ')).toBe('budget de moins de 500 000 €');
    expect(bracketLabel(grid.rates[4]).replace(/\s/g, ' ')).toBe('budget de 500 000 € et plus');
  });
});

describe('a grid’s brackets', () => {
  it('accepts adjacent brackets, and the same bounds in another family or basis', () => {
    expect(gridProblems(grid.rates)).toEqual([]);
  });

  it('names the bracket that overlaps another of its family and basis', () => {
    const problems = gridProblems([
      ...grid.rates,
      { family: 'association', basis: 'headcount', lowerBound: 40, upperBound: 60, amountCents: 1 },
    ]);
    expect(problems.map((problem) => problem.field)).toEqual([
      'rates.5.lowerBound',
      'rates.2.lowerBound',
    ]);
  });

  it('treats a bracket without an upper bound as overlapping anything above it', () => {
    const problems = gridProblems([
      { family: 'mutual', basis: 'budget', lowerBound: 0, upperBound: null, amountCents: 1 },
      { family: 'mutual', basis: 'budget', lowerBound: 100, upperBound: 200, amountCents: 1 },
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0].field).toBe('rates.1.lowerBound');
  });

  it('refuses an upper bound that is not above the lower one', () => {
    expect(
      gridProblems([
        { family: 'mutual', basis: 'headcount', lowerBound: 5, upperBound: 5, amountCents: 1 },
      ]),
    ).toEqual([{ field: 'rates.0.upperBound', message: expect.any(String) }]);
  });
});
