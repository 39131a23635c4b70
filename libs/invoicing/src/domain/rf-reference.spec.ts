import { createRfReference, formatRfReference, isValidRfReference } from './rf-reference';

/** A second, independent reading of ISO 11649 with BigInt, to check vectors against. */
function bigIntCheck(reference: string): boolean {
  const compact = reference.replace(/ /g, '').toUpperCase();
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  const digits = [...rearranged].map((character) => parseInt(character, 36).toString()).join('');
  return BigInt(digits) % 97n === 1n;
}

/** The same reading, creating: for bases of any length, including the ones the code refuses. */
function bigIntCreate(base: string): string {
  const digits = [...`${base}RF00`].map((character) => parseInt(character, 36).toString()).join('');
  return `RF${String(98n - (BigInt(digits) % 97n)).padStart(2, '0')}${base}`;
}

// Published examples (Wikipedia, ISO 11649 guides) and vectors computed by hand and checked above.
const VALID = [
  'RF18539007547034',
  'RF18000000000539007547034',
  'RF45G72UUR',
  'RF6518K5',
  'RF712348231',
  'RF51C4',
  'RF684377',
  'RF040',
];

describe('RF creditor reference (ISO 11649)', () => {
  it.each(VALID)('the vector %s passes the independent BigInt check', (reference) => {
    expect(bigIntCheck(reference)).toBe(true);
  });

  it.each(VALID)('accepts %s as valid', (reference) => {
    expect(isValidRfReference(reference)).toBe(true);
  });

  it('computes the check digits of the standard example: 539007547034 gives RF18', () => {
    expect(createRfReference('539007547034')).toBe('RF18539007547034');
  });

  it.each(VALID)('recreates %s from its base', (reference) => {
    expect(createRfReference(reference.slice(4))).toBe(reference);
    expect(bigIntCreate(reference.slice(4))).toBe(reference);
  });

  it('uppercases the base, so the same material gives the same reference', () => {
    expect(createRfReference('g72uur')).toBe('RF45G72UUR');
  });

  it('keeps leading zeros of the base, which change nothing to the check digits', () => {
    expect(createRfReference('000000000539007547034')).toBe('RF18000000000539007547034');
  });

  it('agrees with the BigInt check on many bases of every length, letters and digits', () => {
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (let length = 1; length <= 21; length += 1) {
      for (let seed = 0; seed < 40; seed += 1) {
        const base = Array.from(
          { length },
          (_, index) => alphabet[(seed * 7 + index * 13 + length * seed * index) % alphabet.length],
        ).join('');
        const reference = createRfReference(base);
        expect(reference).toBe(bigIntCreate(base));
        expect(isValidRfReference(reference)).toBe(true);
      }
    }
  });

  it('handles the largest base, 21 Z, without losing precision', () => {
    const reference = createRfReference('Z'.repeat(21));
    expect(reference).toBe(`RF09${'Z'.repeat(21)}`);
    expect(bigIntCheck(reference)).toBe(true);
  });

  it('refuses a base that is empty, too long or not alphanumeric', () => {
    expect(() => createRfReference('')).toThrow(RangeError);
    expect(() => createRfReference('A'.repeat(22))).toThrow(RangeError);
    expect(() => createRfReference('F-2027-000001')).toThrow(RangeError);
    expect(() => createRfReference('ABC DEF')).toThrow(RangeError);
    expect(() => createRfReference('ÉTÉ')).toThrow(RangeError);
  });

  it('accepts the printed form, in groups of four, and any case', () => {
    expect(isValidRfReference('RF18 5390 0754 7034')).toBe(true);
    expect(isValidRfReference('rf18 5390 0754 7034')).toBe(true);
    expect(isValidRfReference('rf45g72uur')).toBe(true);
  });

  it('refuses a wrong check digit', () => {
    expect(bigIntCheck('RF19539007547034')).toBe(false);
    expect(isValidRfReference('RF19539007547034')).toBe(false);
    expect(isValidRfReference('RF35C4')).toBe(false);
    expect(isValidRfReference('RF214377')).toBe(false);
  });

  it('refuses a changed or swapped character in the base', () => {
    expect(isValidRfReference('RF18539007547043')).toBe(false);
    expect(isValidRfReference('RF45G72UUS')).toBe(false);
    expect(isValidRfReference('RF45G27UUR')).toBe(false);
  });

  it('refuses a reference too short (no base) or too long (more than 25 characters)', () => {
    expect(bigIntCheck('RF04')).toBe(true);
    expect(isValidRfReference('RF04')).toBe(false);
    const tooLong = bigIntCreate('1'.repeat(22));
    expect(tooLong).toHaveLength(26);
    expect(bigIntCheck(tooLong)).toBe(true);
    expect(isValidRfReference(tooLong)).toBe(false);
  });

  it('refuses other prefixes, letters in the check digits and other characters', () => {
    expect(isValidRfReference('')).toBe(false);
    expect(isValidRfReference('FR18539007547034')).toBe(false);
    expect(isValidRfReference('RFAB539007547034')).toBe(false);
    expect(isValidRfReference('RF18-5390-0754-7034')).toBe(false);
    expect(isValidRfReference('RF18\t539007547034')).toBe(false);
  });

  it('refuses check digits 00, 01 and 99, which pass MOD 97 but are never issued', () => {
    const base = findBaseWithCheck(2);
    expect(bigIntCheck(`RF99${base}`)).toBe(true);
    expect(isValidRfReference(`RF02${base}`)).toBe(true);
    expect(isValidRfReference(`RF99${base}`)).toBe(false);
  });

  it('prints in groups of four separated by spaces, uppercased', () => {
    expect(formatRfReference('RF18539007547034')).toBe('RF18 5390 0754 7034');
    expect(formatRfReference('rf18 5390 0754 7034')).toBe('RF18 5390 0754 7034');
    expect(formatRfReference('RF18000000000539007547034')).toBe('RF18 0000 0000 0539 0075 4703 4');
    expect(formatRfReference('RF45G72UUR')).toBe('RF45 G72U UR');
    expect(formatRfReference('RF040')).toBe('RF04 0');
  });

  it('refuses to print an invalid reference', () => {
    expect(() => formatRfReference('RF19539007547034')).toThrow(RangeError);
  });
});

function findBaseWithCheck(check: number): string {
  for (let candidate = 1; candidate < 100_000; candidate += 1) {
    const base = String(candidate);
    if (createRfReference(base).startsWith(`RF${String(check).padStart(2, '0')}`)) return base;
  }
  throw new Error(`no base found with check ${check}`);
}
