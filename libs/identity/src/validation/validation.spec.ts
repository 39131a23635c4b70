import { departmentOfPostalCode } from './department';
import { isValidRna } from './rna';
import { isValidSiret, normaliseSiret } from './siret';

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
