import type { VatTreatment } from '@mutualis/catalogue';
import {
  computeInvoiceTotals,
  FRANCHISE_EXEMPTION_REASON,
  InvoiceLineInput,
  NOT_SUBJECT_REASON,
  TRAINING_EXEMPTION_REASON,
  vatCategoryFor,
} from './invoice-totals';

const standard = (unitPriceExclVatCents: number, quantity = 1, rate = 2000): InvoiceLineInput => ({
  description: 'Accompagnement',
  quantity,
  unitPriceExclVatCents,
  vatCategory: 'S',
  vatRateBasisPoints: rate,
});
const training = (unitPriceExclVatCents: number, quantity = 1): InvoiceLineInput => ({
  description: 'Formation',
  quantity,
  unitPriceExclVatCents,
  vatCategory: 'E',
  vatRateBasisPoints: 0,
  exemptionReason: TRAINING_EXEMPTION_REASON,
});
const notSubject = (unitPriceExclVatCents: number): InvoiceLineInput => ({
  description: 'Cotisation',
  quantity: 1,
  unitPriceExclVatCents,
  vatCategory: 'O',
  vatRateBasisPoints: 0,
  exemptionReason: NOT_SUBJECT_REASON,
});

describe('VAT terms of a sale', () => {
  it('charges 20 % on a standard service, with no mention', () => {
    expect(vatCategoryFor('standard', false)).toEqual({
      vatCategory: 'S',
      vatRateBasisPoints: 2000,
      exemptionReason: null,
    });
  });

  it('exempts professional training under art. 261-4-4° of the CGI', () => {
    expect(vatCategoryFor('exempt_training', false)).toEqual({
      vatCategory: 'E',
      vatRateBasisPoints: 0,
      exemptionReason: 'Exonération de TVA, art. 261-4-4° du CGI',
    });
  });

  it('marks an operation outside the scope of VAT as not subject (O)', () => {
    expect(vatCategoryFor('not_subject', false)).toEqual({
      vatCategory: 'O',
      vatRateBasisPoints: 0,
      exemptionReason: 'Opération non soumise à la TVA',
    });
  });

  it.each(['standard', 'exempt_training', 'not_subject'] satisfies VatTreatment[])(
    'gives every line of a seller under the franchise the art. 293 B mention (%s)',
    (treatment) => {
      expect(vatCategoryFor(treatment, true)).toEqual({
        vatCategory: 'E',
        vatRateBasisPoints: 0,
        exemptionReason: 'TVA non applicable, art. 293 B du CGI',
      });
    },
  );
});

describe('invoice totals (EN 16931)', () => {
  it('totals a standard-rated line: 3 × 123,45 € HT at 20 % is 370,35 € + 74,07 €', () => {
    const totals = computeInvoiceTotals([standard(12_345, 3)]);
    expect(totals.lines[0].lineTotalExclVatCents).toBe(37_035);
    expect(totals.vatBreakdown).toEqual([
      {
        vatCategory: 'S',
        vatRateBasisPoints: 2000,
        taxableAmountCents: 37_035,
        vatAmountCents: 7_407,
        exemptionReason: null,
      },
    ]);
    expect(totals).toMatchObject({
      totalExclVatCents: 37_035,
      totalVatCents: 7_407,
      totalInclVatCents: 44_442,
    });
  });

  it('totals an exempt training with no VAT and its mention in the breakdown', () => {
    const totals = computeInvoiceTotals([training(18_000, 2)]);
    expect(totals.vatBreakdown).toEqual([
      {
        vatCategory: 'E',
        vatRateBasisPoints: 0,
        taxableAmountCents: 36_000,
        vatAmountCents: 0,
        exemptionReason: TRAINING_EXEMPTION_REASON,
      },
    ]);
    expect(totals).toMatchObject({
      totalExclVatCents: 36_000,
      totalVatCents: 0,
      totalInclVatCents: 36_000,
    });
  });

  it('totals a seller under the franchise with no VAT and the art. 293 B mention', () => {
    const line = { description: 'Conseil', quantity: 1, unitPriceExclVatCents: 50_000 };
    const totals = computeInvoiceTotals([{ ...line, ...vatCategoryFor('standard', true) }]);
    expect(totals.vatBreakdown).toEqual([
      {
        vatCategory: 'E',
        vatRateBasisPoints: 0,
        taxableAmountCents: 50_000,
        vatAmountCents: 0,
        exemptionReason: FRANCHISE_EXEMPTION_REASON,
      },
    ]);
    expect(totals.totalInclVatCents).toBe(50_000);
  });

  it('keeps one breakdown entry per category in a mixed invoice: S, then E, then O', () => {
    const totals = computeInvoiceTotals([notSubject(9_000), training(18_000), standard(12_345, 3)]);
    expect(totals.lines.map((line) => line.lineTotalExclVatCents)).toEqual([9_000, 18_000, 37_035]);
    expect(totals.vatBreakdown).toEqual([
      {
        vatCategory: 'S',
        vatRateBasisPoints: 2000,
        taxableAmountCents: 37_035,
        vatAmountCents: 7_407,
        exemptionReason: null,
      },
      {
        vatCategory: 'E',
        vatRateBasisPoints: 0,
        taxableAmountCents: 18_000,
        vatAmountCents: 0,
        exemptionReason: TRAINING_EXEMPTION_REASON,
      },
      {
        vatCategory: 'O',
        vatRateBasisPoints: 0,
        taxableAmountCents: 9_000,
        vatAmountCents: 0,
        exemptionReason: NOT_SUBJECT_REASON,
      },
    ]);
    expect(totals).toMatchObject({
      totalExclVatCents: 64_035,
      totalVatCents: 7_407,
      totalInclVatCents: 71_442,
    });
  });

  it('computes VAT on the base of each rate, not per line: 3 × 1,13 € at 20 % is 0,68 €, not 0,69 €', () => {
    // Per line: 0,226 € rounds to 0,23 €, three times 0,69 €. On the base: 3,39 € × 20 % = 0,678 €.
    const totals = computeInvoiceTotals([standard(113), standard(113), standard(113)]);
    expect(totals.vatBreakdown[0]).toMatchObject({ taxableAmountCents: 339, vatAmountCents: 68 });
    expect(totals.totalVatCents).toBe(68);
    expect(totals.totalInclVatCents).toBe(407);
  });

  it('computes VAT on the base even where per-line rounding would give less: 3 × 0,12 € is 0,07 €', () => {
    // Per line: 0,024 € rounds to 0,02 €, three times 0,06 €. On the base: 0,36 € × 20 % = 0,072 €.
    const totals = computeInvoiceTotals([standard(12), standard(12), standard(12)]);
    expect(totals.totalVatCents).toBe(7);
  });

  it('rounds an exact half cent up: 0,25 € at 10 % is 0,03 € and 1,00 € at 5,5 % is 0,06 €', () => {
    expect(computeInvoiceTotals([standard(25, 1, 1000)]).totalVatCents).toBe(3);
    expect(computeInvoiceTotals([standard(100, 1, 550)]).totalVatCents).toBe(6);
    expect(computeInvoiceTotals([standard(300, 1, 550)]).totalVatCents).toBe(17);
  });

  it('rounds below half a cent down: 0,02 € at 20 % is 0 €, 0,03 € is 0,01 €', () => {
    expect(computeInvoiceTotals([standard(2)]).totalVatCents).toBe(0);
    expect(computeInvoiceTotals([standard(3)]).totalVatCents).toBe(1);
  });

  it('keeps two standard rates apart, the higher first, and sums their VAT', () => {
    const totals = computeInvoiceTotals([standard(1_005, 1, 1000), standard(1_005, 1, 2000)]);
    expect(
      totals.vatBreakdown.map((entry) => [entry.vatRateBasisPoints, entry.vatAmountCents]),
    ).toEqual([
      [2000, 201],
      [1000, 101],
    ]);
    expect(totals.totalVatCents).toBe(302);
    expect(totals.totalInclVatCents).toBe(2_312);
  });

  it('adds up integers: totals equal the sums of the breakdown and of the lines', () => {
    const lines = [standard(1_999, 7), standard(4_150, 3), training(33_333, 2), notSubject(1)];
    const totals = computeInvoiceTotals(lines);
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    expect(totals.totalExclVatCents).toBe(sum(totals.lines.map((l) => l.lineTotalExclVatCents)));
    expect(totals.totalExclVatCents).toBe(
      sum(totals.vatBreakdown.map((e) => e.taxableAmountCents)),
    );
    expect(totals.totalVatCents).toBe(sum(totals.vatBreakdown.map((e) => e.vatAmountCents)));
    expect(totals.totalInclVatCents).toBe(totals.totalExclVatCents + totals.totalVatCents);
    // 13 993 + 12 450 = 26 443 at 20 % = 5 288,6 → 5 289.
    expect(totals.totalVatCents).toBe(5_289);
  });

  it('returns the lines as given, with their totals, without changing the input', () => {
    const line = { ...training(18_000), description: 'Formation\nParticipants : Anaïs, Jean' };
    const totals = computeInvoiceTotals([line]);
    expect(totals.lines).toEqual([{ ...line, lineTotalExclVatCents: 18_000 }]);
    expect(line).not.toHaveProperty('lineTotalExclVatCents');
  });

  it('accepts a free line (0 €)', () => {
    expect(computeInvoiceTotals([standard(0)]).totalInclVatCents).toBe(0);
  });

  it('refuses an invoice without lines', () => {
    expect(() => computeInvoiceTotals([])).toThrow(RangeError);
  });

  it.each([
    ['a quantity of 0', { quantity: 0 }],
    ['a negative quantity', { quantity: -1 }],
    ['a fractional quantity', { quantity: 1.5 }],
    ['a fractional price in cents', { unitPriceExclVatCents: 10.5 }],
    ['a negative price', { unitPriceExclVatCents: -100 }],
    ['a price beyond safe integers', { unitPriceExclVatCents: 2 ** 53 }],
    ['a price that is not a number', { unitPriceExclVatCents: Number.NaN }],
    ['a fractional rate', { vatRateBasisPoints: 2000.5 }],
    ['a rate above 100 %', { vatRateBasisPoints: 10_001 }],
    ['a standard line without a rate', { vatRateBasisPoints: 0 }],
    ['a standard line with an exemption reason', { exemptionReason: NOT_SUBJECT_REASON }],
    ['an empty description', { description: '  ' }],
  ] as [string, Partial<InvoiceLineInput>][])('refuses %s', (_, change) => {
    expect(() => computeInvoiceTotals([{ ...standard(1_000), ...change }])).toThrow(RangeError);
  });

  it('refuses a rate on an exempt or not-subject line, and one without its mention', () => {
    expect(() => computeInvoiceTotals([{ ...training(1_000), vatRateBasisPoints: 2000 }])).toThrow(
      RangeError,
    );
    expect(() => computeInvoiceTotals([{ ...notSubject(1_000), vatRateBasisPoints: 550 }])).toThrow(
      RangeError,
    );
    expect(() => computeInvoiceTotals([{ ...training(1_000), exemptionReason: null }])).toThrow(
      RangeError,
    );
    expect(() => computeInvoiceTotals([{ ...notSubject(1_000), exemptionReason: '' }])).toThrow(
      RangeError,
    );
  });

  it('refuses a line total beyond safe integers', () => {
    expect(() => computeInvoiceTotals([standard(2 ** 52, 4)])).toThrow(RangeError);
  });

  it('refuses exempt lines with two different mentions, which one breakdown cannot carry', () => {
    const franchise = { ...training(1_000), exemptionReason: FRANCHISE_EXEMPTION_REASON };
    expect(() => computeInvoiceTotals([training(1_000), franchise])).toThrow(RangeError);
  });
});
