import { VAT_TREATMENTS } from '@mutualis/catalogue';
import {
  computeInvoiceTotals,
  FRANCHISE_EXEMPTION_REASON,
  InvoiceLineInput,
  TRAINING_EXEMPTION_REASON,
  vatTermsFor,
} from './invoice-totals';

const DISBURSEMENT_REASON = 'Débours, hors du champ de la TVA, art. 267, II, 2° du CGI';

const standard = (unitPriceExclVatCents: number, quantity = 1): InvoiceLineInput => ({
  description: 'Accompagnement',
  quantity,
  unitPriceExclVatCents,
  vatRegime: 'standard',
  vatCategory: 'S',
  vatRateBasisPoints: 2000,
});
const training = (unitPriceExclVatCents: number, quantity = 1): InvoiceLineInput => ({
  description: 'Formation',
  quantity,
  unitPriceExclVatCents,
  vatRegime: 'exempt_training',
  vatCategory: 'E',
  vatRateBasisPoints: 0,
  exemptionReason: TRAINING_EXEMPTION_REASON,
});
const disbursement = (unitPriceExclVatCents: number): InvoiceLineInput => ({
  description: 'Frais de certification reversés',
  quantity: 1,
  unitPriceExclVatCents,
  vatRegime: 'out_of_scope_disbursement',
  vatCategory: 'O',
  vatRateBasisPoints: 0,
  exemptionReason: DISBURSEMENT_REASON,
});

describe('VAT terms of a sale', () => {
  it('charges 20 % on a standard service, with no mention and no VATEX code', () => {
    expect(vatTermsFor('standard', false)).toEqual({
      vatRegime: 'standard',
      vatCategory: 'S',
      vatRateBasisPoints: 2000,
      exemptionReason: null,
      vatexCode: null,
    });
  });

  it('exempts professional training under art. 261, 4, 4° a of the CGI, with its VATEX code', () => {
    expect(vatTermsFor('exempt_training', false)).toEqual({
      vatRegime: 'exempt_training',
      vatCategory: 'E',
      vatRateBasisPoints: 0,
      exemptionReason: 'Exonération de TVA, art. 261, 4, 4° a du CGI',
      vatexCode: 'VATEX-FR-CGI261-4',
    });
  });

  it('exempts services to members under art. 261, 7, 1° a of the CGI', () => {
    expect(vatTermsFor('exempt_members', false)).toMatchObject({
      vatCategory: 'E',
      exemptionReason: 'Exonération de TVA, art. 261, 7, 1° a du CGI',
      vatexCode: 'VATEX-FR-CGI261-7',
    });
  });

  it('puts pass-through costs and subsidies out of scope (O) with their article and VATEX-EU-O', () => {
    expect(vatTermsFor('out_of_scope_disbursement', false)).toMatchObject({
      vatCategory: 'O',
      exemptionReason: DISBURSEMENT_REASON,
      vatexCode: 'VATEX-EU-O',
    });
    expect(vatTermsFor('out_of_scope_subsidy', false)).toMatchObject({
      vatCategory: 'O',
      vatexCode: 'VATEX-EU-O',
    });
  });

  it('gives what would be taxable the art. 293 B mention when the seller is under the franchise', () => {
    expect(vatTermsFor('standard', true)).toEqual({
      vatRegime: 'franchise',
      vatCategory: 'E',
      vatRateBasisPoints: 0,
      exemptionReason: 'TVA non applicable, art. 293 B du CGI',
      vatexCode: 'VATEX-FR-FRANCHISE',
    });
  });

  it.each(VAT_TREATMENTS.filter((treatment) => treatment !== 'standard'))(
    'keeps its own ground for %s under the franchise: exempt or out of scope anyway',
    (treatment) => {
      expect(vatTermsFor(treatment, true)).toEqual(vatTermsFor(treatment, false));
    },
  );

  it('still describes a booking snapshotted under the retired "not subject"', () => {
    expect(vatTermsFor('not_subject', false)).toMatchObject({
      vatCategory: 'O',
      exemptionReason: 'Opération non soumise à la TVA',
      vatexCode: 'VATEX-EU-O',
    });
  });
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
        vatRegime: 'standard',
        vatexCode: null,
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
        vatRegime: 'exempt_training',
        vatexCode: 'VATEX-FR-CGI261-4',
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
    const totals = computeInvoiceTotals([{ ...line, ...vatTermsFor('standard', true) }]);
    expect(totals.vatBreakdown).toEqual([
      {
        vatCategory: 'E',
        vatRateBasisPoints: 0,
        taxableAmountCents: 50_000,
        vatAmountCents: 0,
        exemptionReason: FRANCHISE_EXEMPTION_REASON,
        vatRegime: 'franchise',
        vatexCode: 'VATEX-FR-FRANCHISE',
      },
    ]);
    expect(totals.totalInclVatCents).toBe(50_000);
  });

  it('keeps one breakdown entry per category in a mixed invoice: S, then E, then O', () => {
    const totals = computeInvoiceTotals([
      disbursement(9_000),
      training(18_000),
      standard(12_345, 3),
    ]);
    expect(totals.lines.map((line) => line.lineTotalExclVatCents)).toEqual([9_000, 18_000, 37_035]);
    expect(totals.vatBreakdown).toEqual([
      {
        vatCategory: 'S',
        vatRateBasisPoints: 2000,
        taxableAmountCents: 37_035,
        vatAmountCents: 7_407,
        exemptionReason: null,
        vatRegime: 'standard',
        vatexCode: null,
      },
      {
        vatCategory: 'E',
        vatRateBasisPoints: 0,
        taxableAmountCents: 18_000,
        vatAmountCents: 0,
        exemptionReason: TRAINING_EXEMPTION_REASON,
        vatRegime: 'exempt_training',
        vatexCode: 'VATEX-FR-CGI261-4',
      },
      {
        vatCategory: 'O',
        vatRateBasisPoints: 0,
        taxableAmountCents: 9_000,
        vatAmountCents: 0,
        exemptionReason: DISBURSEMENT_REASON,
        vatRegime: 'out_of_scope_disbursement',
        vatexCode: 'VATEX-EU-O',
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

  it('never finds an exact half cent at 20 %: 20 % of whole cents is a multiple of 0,2 cent', () => {
    // Half-up rounding at other rates is vatOnBase's (libs/core/src/money/vat.spec.ts).
    expect(computeInvoiceTotals([standard(1_253)]).totalVatCents).toBe(251); // 250,6
    expect(computeInvoiceTotals([standard(1_252)]).totalVatCents).toBe(250); // 250,4
  });

  it('rounds below half a cent down: 0,02 € at 20 % is 0 €, 0,03 € is 0,01 €', () => {
    expect(computeInvoiceTotals([standard(2)]).totalVatCents).toBe(0);
    expect(computeInvoiceTotals([standard(3)]).totalVatCents).toBe(1);
  });

  it("refuses a line whose rate or category is not its regime's: 20 % is the only rate offered", () => {
    expect(() => computeInvoiceTotals([{ ...standard(1_005), vatRateBasisPoints: 1000 }])).toThrow(
      RangeError,
    );
    expect(() => computeInvoiceTotals([{ ...training(1_000), vatCategory: 'O' }])).toThrow(
      RangeError,
    );
  });

  it('adds up integers: totals equal the sums of the breakdown and of the lines', () => {
    const lines = [standard(1_999, 7), standard(4_150, 3), training(33_333, 2), disbursement(1)];
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
    expect(totals.lines).toEqual([
      { ...line, lineTotalExclVatCents: 18_000, vatexCode: 'VATEX-FR-CGI261-4' },
    ]);
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
    ['an unknown regime', { vatRegime: 'reduced' as never }],
    ['a rate above 100 %', { vatRateBasisPoints: 10_001 }],
    ['a standard line without a rate', { vatRateBasisPoints: 0 }],
    ['a standard line with an exemption reason', { exemptionReason: DISBURSEMENT_REASON }],
    ['an empty description', { description: '  ' }],
  ] as [string, Partial<InvoiceLineInput>][])('refuses %s', (_, change) => {
    expect(() => computeInvoiceTotals([{ ...standard(1_000), ...change }])).toThrow(RangeError);
  });

  it('refuses a rate on an exempt or not-subject line, and one without its mention', () => {
    expect(() => computeInvoiceTotals([{ ...training(1_000), vatRateBasisPoints: 2000 }])).toThrow(
      RangeError,
    );
    expect(() =>
      computeInvoiceTotals([{ ...disbursement(1_000), vatRateBasisPoints: 550 }]),
    ).toThrow(RangeError);
    expect(() => computeInvoiceTotals([{ ...training(1_000), exemptionReason: null }])).toThrow(
      RangeError,
    );
    expect(() => computeInvoiceTotals([{ ...disbursement(1_000), exemptionReason: '' }])).toThrow(
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

  it('refuses exempt lines under two regimes: EN 16931 allows one E breakdown (BR-E-01)', () => {
    const members = { ...training(1_000), ...vatTermsFor('exempt_members', false) };
    expect(() => computeInvoiceTotals([training(1_000), members])).toThrow(RangeError);
  });
});
