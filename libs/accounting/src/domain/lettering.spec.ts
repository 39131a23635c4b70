import {
  auxiliaryNumber,
  decideLettering,
  letteringCode,
  LetterableLine,
  mayBeLettered,
} from './lettering';

describe('letteringCode', () => {
  it.each([
    [0, 'AA'],
    [1, 'AB'],
    [25, 'AZ'],
    [26, 'BA'],
    [675, 'ZZ'],
    [676, 'AAA'],
    [677, 'AAB'],
    [676 + 17_575, 'ZZZ'],
  ])('gives the lettering number %i the code %s', (index, code) => {
    expect(letteringCode(index)).toBe(code);
  });

  it('never gives two letterings the same code', () => {
    const codes = Array.from({ length: 2_000 }, (_, index) => letteringCode(index));
    expect(new Set(codes).size).toBe(2_000);
  });

  it('refuses past ZZZ', () => {
    expect(() => letteringCode(676 + 17_576)).toThrow(RangeError);
  });
});

describe('decideLettering', () => {
  const line = (id: string, debitCents: number, creditCents: number, entryDate: string) =>
    ({ id, debitCents, creditCents, entryDate }) satisfies LetterableLine;
  const invoice = line('a', 12_000, 0, '2026-03-01');
  const partial = line('b', 0, 5_000, '2026-03-20');
  const rest = line('c', 0, 7_000, '2026-03-10');

  it('letters the group once it nets to zero, dated by its latest entry', () => {
    expect(decideLettering([invoice, partial], null)).toEqual({ end: null, letter: null });
    expect(decideLettering([invoice, partial, rest], null)).toEqual({
      end: null,
      letter: { lineIds: ['a', 'b', 'c'], date: '2026-03-20' },
    });
  });

  it('leaves a lettering that still holds for the same lines', () => {
    expect(
      decideLettering([invoice, partial, rest], { id: 'L1', lineIds: ['c', 'b', 'a'] }),
    ).toEqual({ end: null, letter: null });
  });

  it('ends a lettering that no longer nets to zero', () => {
    const reversal = line('d', 7_000, 0, '2026-04-02');
    expect(
      decideLettering([invoice, partial, rest, reversal], { id: 'L1', lineIds: ['a', 'b', 'c'] }),
    ).toEqual({ end: 'L1', letter: null });
  });

  it('ends and letters again a group that grew but still nets to zero', () => {
    const reversal = line('d', 7_000, 0, '2026-04-02');
    const again = line('e', 0, 7_000, '2026-04-05');
    expect(
      decideLettering([invoice, partial, rest, reversal, again], {
        id: 'L1',
        lineIds: ['a', 'b', 'c'],
      }),
    ).toEqual({ end: 'L1', letter: { lineIds: ['a', 'b', 'c', 'd', 'e'], date: '2026-04-05' } });
  });

  it('does not letter a zero-amount invoice on its own', () => {
    expect(decideLettering([line('z', 0, 0, '2026-03-01')], null)).toEqual({
      end: null,
      letter: null,
    });
  });
});

describe('mayBeLettered', () => {
  const line = (id: string, debitCents: number, creditCents: number) =>
    ({ id, debitCents, creditCents, entryDate: '2026-03-01' }) satisfies LetterableLine;

  it('is true only for a group that nets to zero with something moved', () => {
    expect(mayBeLettered([])).toBe(false);
    expect(mayBeLettered([line('z', 0, 0)])).toBe(false);
    expect(mayBeLettered([line('a', 12_000, 0)])).toBe(false);
    expect(mayBeLettered([line('a', 12_000, 0), line('b', 0, 5_000)])).toBe(false);
    expect(mayBeLettered([line('a', 12_000, 0), line('b', 0, 12_000)])).toBe(true);
  });
});

describe('auxiliaryNumber', () => {
  it('derives the account from the organisation’s id, not its name', () => {
    expect(auxiliaryNumber('0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0')).toBe('C0B1C2D3E4F50');
  });
});
