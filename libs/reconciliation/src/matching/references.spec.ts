import { createRfReference, formatRfReference } from '@mutualis/invoicing';
import { findInvoiceNumbers, findRfReferences } from './references';

describe('findInvoiceNumbers', () => {
  it('reads the numbers back from a messy bank label', () => {
    expect(findInvoiceNumbers('VIR SEPA ASSO JARDINS FACT F2026000042 ET F-2026-43')).toEqual([
      'F-2026-000042',
      'F-2026-000043',
    ]);
  });

  it.each([
    ['F-2026-000042', 'F-2026-000042'],
    ['f-2026-000042', 'F-2026-000042'],
    ['F2026000042', 'F-2026-000042'],
    ['F 2026 000042', 'F-2026-000042'],
    ['F/2026/42', 'F-2026-000042'],
    ['F_2026_42', 'F-2026-000042'],
    ['FACT F-2026-42', 'F-2026-000042'],
    ['facture n°F - 2026 - 7 merci', 'F-2026-000007'],
    ['REGLT F2026-123456.', 'F-2026-123456'],
    ['F-2027-1,F-2027-2', 'F-2027-000001'],
  ])('finds %s', (text, number) => {
    expect(findInvoiceNumbers(text)[0]).toBe(number);
  });

  it('returns each number once, in order', () => {
    expect(findInvoiceNumbers('F-2026-43 F2026000042 F 2026 43')).toEqual([
      'F-2026-000043',
      'F-2026-000042',
    ]);
  });

  it('does not take credit notes for invoices', () => {
    expect(findInvoiceNumbers('AVOIR AV-2026-000007 AV2026000008')).toEqual([]);
    expect(findInvoiceNumbers('AV-2026-000007 sur F-2026-000042')).toEqual(['F-2026-000042']);
  });

  it.each([
    ['a letter before the F', 'REF2026000042'],
    ['a sequence longer than 6 digits', 'F-2026-0000042'],
    ['a year that is not 20YY', 'F 1999 12'],
    ['a postcode', 'CEDEX F 13001 MARSEILLE'],
    ['a zero sequence', 'F-2026-000000'],
    ['no number', 'COTISATION 2026'],
  ])('ignores %s', (_case, text) => {
    expect(findInvoiceNumbers(text)).toEqual([]);
  });
});

describe('findRfReferences', () => {
  const ours = createRfReference('MAB12CD34EF56GH78');

  it('finds a reference printed in groups of four, in any case', () => {
    expect(findRfReferences(`REGLEMENT ${formatRfReference(ours)} MERCI`)).toEqual([ours]);
    expect(findRfReferences('ref rf18 5390 0754 7034 facture mars')).toEqual(['RF18539007547034']);
  });

  it('finds a compact reference, even followed by punctuation', () => {
    expect(findRfReferences('RF18539007547034.')).toEqual(['RF18539007547034']);
    expect(findRfReferences(`(${ours})`)).toEqual([ours]);
  });

  it('refuses a reference whose check digits are wrong', () => {
    expect(findRfReferences('RF19 5390 0754 7034')).toEqual([]);
    expect(findRfReferences('RF18539007547035')).toEqual([]);
  });

  it('does not read RF inside a word, nor past 25 characters', () => {
    expect(findRfReferences('XRF18539007547034')).toEqual([]);
    expect(findRfReferences('RF18 5390 0754 7034 0000 0000 0000 0000')).toEqual([
      'RF18539007547034',
    ]);
  });

  it('returns several references once each, in order', () => {
    expect(findRfReferences(`RF18539007547034 ${ours} rf18 5390 0754 7034`)).toEqual([
      'RF18539007547034',
      ours,
    ]);
  });
});
