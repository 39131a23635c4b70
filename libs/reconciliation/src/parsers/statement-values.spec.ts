import { createRfReference } from '@mutualis/invoicing';
import { centsFromDigits, findRfReference, isValidIban } from './statement-values';

describe('centsFromDigits', () => {
  it.each([
    ['8', '85', 885],
    ['1234', '5', 123450],
    ['2700', '', 270000],
    ['0012', '30', 1230],
    ['0', '07', 7],
    ['9999999999999', '99', 999999999999999],
  ])('reads %s.%s as %i cents, exactly', (whole, fraction, cents) => {
    expect(centsFromDigits(whole, fraction, false)).toEqual({ cents });
  });

  it('accepts zero padding past the cents only where the format allows it', () => {
    expect(centsFromDigits('8', '85000', true)).toEqual({ cents: 885 });
    expect(centsFromDigits('8', '850', false)).toEqual({ problem: 'has more than 2 decimals' });
    expect(centsFromDigits('8', '851', true)).toEqual({ problem: 'has more than 2 decimals' });
  });

  it('refuses amounts whose cents would not fit exactly in a number', () => {
    expect(centsFromDigits('10000000000000', '', false)).toEqual({ problem: 'is too large' });
  });
});

describe('findRfReference', () => {
  const reference = createRfReference('539007547034');
  const long = createRfReference('MUTUALIS2026F000042');

  it.each([
    [`VIR SEPA ASSO - Réf RF18 5390 0754 7034`, reference],
    [`VIR SEPA ASSO REF:RF18539007547034/MERCI`, reference],
    [`VIR SEPA rf18 5390 0754 7034 MERCI BEAUCOUP`, reference],
    [`RF18 539007547034`, reference],
    [`PAIEMENT ${long.replace(/(.{4})(?=.)/g, '$1 ')} 2026`, long],
  ])('finds the reference in %s', (text, expected) => {
    expect(findRfReference(text)).toBe(expected);
  });

  it('ignores what only looks like a reference, or has wrong check digits', () => {
    expect(findRfReference('VIR SEPA RF19 5390 0754 7034')).toBeNull();
    expect(findRfReference('PERF12 5390 0754 7034')).toBeNull();
    expect(findRfReference('Facture F-2026-000042')).toBeNull();
  });
});

describe('isValidIban', () => {
  it('checks the ISO 13616 check digits', () => {
    expect(isValidIban('FR7630006000011234567890189')).toBe(true);
    expect(isValidIban('FR7630006000011234567890188')).toBe(false);
    expect(isValidIban('NL26VAYB8060476890')).toBe(true);
    expect(isValidIban('12345')).toBe(false);
  });
});
