import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatMoney,
  formatShortDateTime,
  localeTag,
  parseEuros,
} from './format';

// fr-FR groups thousands with a narrow no-break space (U+202F) and keeps the euro sign on the
// same line with a no-break space (U+00A0), as ICU formats it; the strings are asserted exactly.
const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('formatMoney', () => {
  it('writes cents as French euros, with the exact spaces of fr-FR', () => {
    expect(formatMoney(123_450)).toBe(`1${NNBSP}234,50${NBSP}€`);
    expect(formatMoney(24_000, 'fr')).toBe(`240,00${NBSP}€`);
    expect(formatMoney(0)).toBe(`0,00${NBSP}€`);
    expect(formatMoney(5)).toBe(`0,05${NBSP}€`);
    expect(formatMoney(123_456_789)).toBe(`1${NNBSP}234${NNBSP}567,89${NBSP}€`);
  });

  it('writes a negative amount (a credit note) with its sign', () => {
    expect(formatMoney(-9_000)).toBe(`-90,00${NBSP}€`);
  });

  it('writes English amounts the British way', () => {
    expect(formatMoney(123_450, 'en')).toBe('€1,234.50');
  });
});

describe('dates in Paris time', () => {
  // 23:30 UTC on 31 December is already New Year's Day in Paris (UTC+1 in winter).
  const newYear = '2026-12-31T23:30:00Z';

  it('shows the Paris calendar day, not the UTC one', () => {
    expect(formatDate(newYear)).toBe('1 janvier 2027');
    expect(formatDate(newYear, 'en')).toBe('1 January 2027');
  });

  it('shows the Paris wall-clock time, summer and winter', () => {
    expect(formatDateTime(newYear)).toBe('vendredi 1 janvier 2027 à 00:30');
    expect(formatShortDateTime('2026-07-01T07:30:00Z')).toBe('01/07/2026 09:30');
  });

  it('maps languages to locale tags', () => {
    expect(localeTag('fr')).toBe('fr-FR');
    expect(localeTag('en')).toBe('en-GB');
    expect(localeTag('de')).toBe('fr-FR');
  });
});

describe('parseEuros', () => {
  it('reads the ways people type an amount into integer cents', () => {
    expect(parseEuros('1 234,50')).toBe(123_450);
    expect(parseEuros(`1${NNBSP}234,50${NBSP}€`)).toBe(123_450);
    expect(parseEuros('12.5')).toBe(1_250);
    expect(parseEuros('80 €')).toBe(8_000);
    expect(parseEuros('0,07')).toBe(7);
  });

  it('refuses what is not an amount', () => {
    expect(parseEuros('')).toBeNull();
    expect(parseEuros('abc')).toBeNull();
    expect(parseEuros('1,234')).toBeNull();
    expect(parseEuros('-5')).toBeNull();
  });
});
