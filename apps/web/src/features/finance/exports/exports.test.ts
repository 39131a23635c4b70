import { describe, expect, it } from 'vitest';
import {
  csvExportPath,
  currentMonth,
  fecDescriptionPath,
  fecPath,
  fiscalYears,
  validateFecMonths,
  validatePeriod,
} from './exports';

describe('exports', () => {
  it('offers this fiscal year and the previous ones', () => {
    expect(fiscalYears(new Date(2026, 10, 26), 3)).toEqual([2026, 2025, 2024]);
  });

  it('asks for the whole fiscal year in ISO 8859-15 by default, leaving the defaults out', () => {
    expect(fecPath({ year: 2026 })).toBe('/api/finance/exports/fec?year=2026');
    expect(fecPath({ year: 2026, fromMonth: 1, toMonth: 12, encoding: 'iso-8859-15' })).toBe(
      '/api/finance/exports/fec?year=2026',
    );
    expect(fecDescriptionPath(2026)).toBe('/api/finance/exports/fec/description?year=2026');
  });

  it('names the months of the year and UTF-8 when chosen', () => {
    expect(fecPath({ year: 2026, fromMonth: 3, toMonth: 9, encoding: 'utf-8' })).toBe(
      '/api/finance/exports/fec?year=2026&from=2026-03&to=2026-09&encoding=utf-8',
    );
    expect(fecPath({ year: 2025, fromMonth: 12 })).toBe(
      '/api/finance/exports/fec?year=2025&from=2025-12',
    );
    expect(fecDescriptionPath(2026, 'utf-8')).toBe(
      '/api/finance/exports/fec/description?year=2026&encoding=utf-8',
    );
  });

  it('wants the months in order (one month alone is a run)', () => {
    expect(validateFecMonths(4, 3)).toEqual({ to: 'exports.errors.toBeforeFrom' });
    expect(validateFecMonths(3, 3)).toEqual({});
    expect(validateFecMonths(1, 12)).toEqual({});
  });

  it('builds the CSV addresses', () => {
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
