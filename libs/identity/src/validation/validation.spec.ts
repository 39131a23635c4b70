import { departmentOfPostalCode } from './department';
import { overseasTerritoryOf } from './overseas';
import { isValidRna } from './rna';
import { isValidSiren, isValidSiret, normaliseSiret } from './siret';
import { frenchVatNumberOf, vatNumberProblem } from './vat-number';

describe('SIRET', () => {
  it.each([
    '73282932000074', // a real establishment
    '35600000000048', // La Poste's head office passes the Luhn check
    '35600000049837', // a La Poste establishment: digit sum a multiple of 5, Luhn fails
  ])('accepts %s', (siret) => expect(isValidSiret(siret)).toBe(true));

  it.each([
    '73282932000075', // wrong check digit
    '35600000049838', // La Poste, digit sum not a multiple of 5
    '1234567890123', // 13 digits
    '7328293200007A',
    '',
  ])('refuses %p', (siret) => expect(isValidSiret(siret)).toBe(false));

  it('strips the spaces people type', () => {
    expect(normaliseSiret('732 829 320 00074')).toBe('73282932000074');
  });
});

describe('SIREN', () => {
  it.each(['732829320', '552032534', '356000000'])('accepts %s (Luhn)', (siren) =>
    expect(isValidSiren(siren)).toBe(true),
  );

  it.each(['732829321', '781112220', '12345678', '1234567890', '73282932A'])(
    'refuses %p',
    (siren) => expect(isValidSiren(siren)).toBe(false),
  );
});

describe('French intra-EU VAT number', () => {
  it('is FR, the key (12 + 3 × (SIREN mod 97)) mod 97 on two digits, and the SIREN', () => {
    expect(frenchVatNumberOf('552032534')).toBe('FR27552032534'); // Danone
    expect(frenchVatNumberOf('424761419')).toBe('FR22424761419'); // OVH
    // A key below 10 keeps its leading zero.
    expect(frenchVatNumberOf('781112220')).toBe('FR02781112220');
  });

  it('must be the VAT number of the SIRET’s own SIREN', () => {
    expect(vatNumberProblem('FR27552032534', '55203253400054')).toBeNull();
    expect(vatNumberProblem('FR28552032534', '55203253400054')).toMatch(/wrong key.*FR27552032534/);
    expect(vatNumberProblem('FR22424761419', '55203253400054')).toMatch(
      /not the VAT number of SIREN 552032534.*FR27552032534/,
    );
    expect(vatNumberProblem('FR00000000000', '78111222000012')).toMatch(/FR02781112220/);
    expect(vatNumberProblem('DE123456789', '55203253400054')).toMatch(
      /must be a French VAT number/,
    );
    expect(vatNumberProblem('FRXX552032534', '55203253400054')).toMatch(/must be a French/);
  });
});

describe('RNA', () => {
  it('is W followed by nine digits', () => {
    expect(isValidRna('W133012345')).toBe(true);
    expect(isValidRna('W13301234')).toBe(false);
    expect(isValidRna('w133012345')).toBe(false);
    expect(isValidRna('X133012345')).toBe(false);
  });
});

describe('département of a postal code', () => {
  it.each([
    ['13001', '13'],
    ['04000', '04'],
    ['20000', '2A'],
    ['20200', '2B'],
    ['97400', '974'],
    ['00100', null],
    ['1300', null],
  ])('%s is in %p', (postalCode, department) =>
    expect(departmentOfPostalCode(postalCode)).toBe(department),
  );
});

describe('overseas territory of a postal code', () => {
  it.each([
    ['97110', 'Guadeloupe', 'department'],
    ['97200', 'Martinique', 'department'],
    ['97300', 'Guyane', 'department'],
    ['97400', 'La Réunion', 'department'],
    ['97600', 'Mayotte', 'department'],
    ['97500', 'Saint-Pierre-et-Miquelon', 'collectivity'],
    // Their postal codes are Guadeloupe's; they left it in 2007.
    ['97133', 'Saint-Barthélemy', 'collectivity'],
    ['97150', 'Saint-Martin', 'collectivity'],
    ['97122', 'Guadeloupe', 'department'],
    ['98600', 'Wallis-et-Futuna', 'collectivity'],
    ['98714', 'Polynésie française', 'collectivity'],
    ['98800', 'Nouvelle-Calédonie', 'collectivity'],
  ])('%s is in %s (%s)', (postalCode, name, kind) =>
    expect(overseasTerritoryOf(postalCode)).toMatchObject({ name, kind }),
  );

  it.each(['13001', '05000', '20000', '20200', '75001'])('%s is metropolitan', (postalCode) =>
    expect(overseasTerritoryOf(postalCode)).toBeNull(),
  );
});
