import type { EntryDraft } from '../journal/entry-draft';
import { draftProblems, isIsoDate } from './check-draft';

const organisationId = '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0';

function sale(exclVatCents: number, vatCents: number): EntryDraft {
  return {
    journal: 'VT',
    sourceKey: 'invoice:1',
    date: '2026-03-01',
    pieceRef: 'F-2026-000001',
    pieceDate: '2026-03-01',
    lines: [
      {
        account: { role: 'customers' },
        organisationId,
        label: 'Facture F-2026-000001',
        debitCents: exclVatCents + vatCents,
        creditCents: 0,
        letteringKey: 'invoice-1',
      },
      {
        account: { role: 'revenue_taxable' },
        label: 'Facture',
        debitCents: 0,
        creditCents: exclVatCents,
      },
      {
        account: { role: 'vat_pending', vatRateBasisPoints: 2000 },
        label: 'Facture',
        debitCents: 0,
        creditCents: vatCents,
      },
    ],
  };
}

describe('draftProblems', () => {
  it('accepts a balanced entry', () => {
    expect(draftProblems(sale(10_000, 2_000))).toEqual([]);
  });

  it('accepts a zero-amount entry, every line 0/0', () => {
    expect(draftProblems(sale(0, 0))).toEqual([]);
  });

  it('refuses a zero line in an entry that moves money', () => {
    expect(draftProblems(sale(10_000, 0))).toEqual([
      'line 3: neither debit nor credit is positive',
    ]);
  });

  it('refuses an unbalanced entry, a line on both sides, negative and fractional cents', () => {
    const draft = sale(10_000, 2_000);
    expect(
      draftProblems({
        ...draft,
        lines: [{ ...draft.lines[0], debitCents: 12_001 }, ...draft.lines.slice(1)],
      }),
    ).toEqual(['unbalanced: debits 12001 ≠ credits 12000 cents']);
    expect(
      draftProblems({
        ...draft,
        lines: [{ ...draft.lines[0], creditCents: 5 }, ...draft.lines.slice(1)],
      }),
    ).toContain('line 1: both debit and credit are positive');
    expect(
      draftProblems({
        ...draft,
        lines: [{ ...draft.lines[0], debitCents: -1 }, ...draft.lines.slice(1)],
      }),
    ).toContain('line 1: the debit must be whole cents, 0 or more');
    expect(
      draftProblems({
        ...draft,
        lines: [{ ...draft.lines[0], debitCents: 0.5 }, ...draft.lines.slice(1)],
      }),
    ).toContain('line 1: the debit must be whole cents, 0 or more');
  });

  it('refuses a VAT line without its rate, and an organisation or lettering key off the customers account', () => {
    const draft = sale(10_000, 2_000);
    expect(
      draftProblems({
        ...draft,
        lines: [
          draft.lines[0],
          { ...draft.lines[1], organisationId, letteringKey: 'x' },
          { ...draft.lines[2], account: { role: 'vat_pending' } as never },
        ],
      }),
    ).toEqual([
      'line 2: an organisation goes with a customers line, and only there',
      'line 2: only customers lines are lettered',
      'line 3: a VAT account needs its rate in basis points',
    ]);
  });

  it('refuses a bad journal, source key, dates or piece reference', () => {
    expect(
      draftProblems({
        ...sale(1, 0),
        journal: 'XX' as never,
        sourceKey: '',
        date: '2026-02-30',
        pieceDate: '01/03/2026',
        pieceRef: ' ',
        lines: [],
      }),
    ).toEqual([
      'unknown journal XX',
      'the source key must be 1 to 200 characters',
      'the date 2026-02-30 is not YYYY-MM-DD',
      'the piece date 01/03/2026 is not YYYY-MM-DD',
      'the piece reference is empty',
      'an entry needs at least two lines',
    ]);
  });
});

describe('isIsoDate', () => {
  it('accepts real days only', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
  });
});
