import { describe, expect, it } from 'vitest';
import en from '../../i18n/locales/en/finance.json';
import fr from '../../i18n/locales/fr/finance.json';

function keys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value).flatMap(([key, item]) =>
    keys(item, prefix ? `${prefix}.${key}` : key),
  );
}

describe('finance messages', () => {
  it('say the same things in French and in English', () => {
    expect(keys(en).sort()).toEqual(keys(fr).sort());
  });
});
