import { nextPeriod, openDate, parsePeriod, periodEnd, periodsOf } from './periods';

describe('periods', () => {
  it('reads YYYY-MM months between 2000 and 2100 only', () => {
    expect(parsePeriod('2026-03')).toEqual({ year: 2026, month: 3 });
    for (const bad of ['2026-13', '2026-00', '2026-3', '1999-12', '2101-01', '2026-03-01', '']) {
      expect(parsePeriod(bad)).toBeNull();
    }
  });

  it('knows month ends, leap years included, and the month after December', () => {
    expect(periodEnd('2028-02')).toBe('2028-02-29');
    expect(periodEnd('2026-02')).toBe('2026-02-28');
    expect(periodEnd('2026-12')).toBe('2026-12-31');
    expect(nextPeriod('2026-12')).toBe('2027-01');
    expect(periodsOf(2026)).toHaveLength(12);
  });

  it('moves a date of a closed month to the first day of the next open one', () => {
    expect(openDate('2026-03-17', null)).toBe('2026-03-17');
    expect(openDate('2026-03-17', '2026-02')).toBe('2026-03-17');
    expect(openDate('2026-02-28', '2026-02')).toBe('2026-03-01');
    expect(openDate('2025-11-02', '2026-02')).toBe('2026-03-01');
    expect(openDate('2026-12-31', '2026-12')).toBe('2027-01-01');
  });
});
