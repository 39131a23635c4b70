import { describe, expect, it } from 'vitest';
import { csvExportPath, currentMonth, fecPath, fiscalYears, validatePeriod } from './exports';

describe('exports', () => {
  it('offers this fiscal year and the previous ones', () => {
    expect(fiscalYears(new Date(2026, 10, 26), 3)).toEqual([2026, 2025, 2024]);
  });

  it('builds the download addresses', () => {
    expect(fecPath(2026)).toBe('/api/finance/exports/fec?year=2026');
    expect(csvExportPath('payments', '2026-11-01', '2026-11-30')).toBe(
      '/api/finance/exports/payments.csv?from=2026-11-01&to=2026-11-30',
    );
  });

  it('requires both dates, in order', () => {
    expect(validatePeriod('', '')).toEqual({
      from: 'exports.errors.dateRequired',
      to: 'exports.errors.dateRequired',
    });
    expect(validatePeriod('2026-12-01', '2026-11-01')).toEqual({
      to: 'exports.errors.toBeforeFrom',
    });
    expect(validatePeriod('2026-11-01', '2026-11-01')).toEqual({});
  });

  it('defaults to the current month, February included', () => {
    expect(currentMonth(new Date(2026, 10, 26))).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(currentMonth(new Date(2028, 1, 3))).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });
});
