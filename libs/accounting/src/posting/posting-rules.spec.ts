import type { EntryDraft } from '../journal/entry-draft';
import {
  counterEntry,
  CustomerMoney,
  deferredIncomeEntries,
  payoutEntry,
  paymentEntry,
  refundEntry,
  SalesDocument,
  salesEntry,
  stripeFeeEntry,
  unappliedMoneyEntry,
  unappliedRefundEntry,
} from './posting-rules';
import { revenueRoleFor } from './revenue-role';
import { invoiceBookOf, proportion, vatShares } from './vat-on-payment';

const TRAINING = 'Exonération de TVA, art. 261-4-4° du CGI';

/** An invoice of `excl` at 20 % (VAT rounded half-up), optionally with exempt training lines. */
function invoice(id: string, excl: number, training = 0, number = 'F-2026-000001'): SalesDocument {
  const vat = Math.round(excl * 0.2);
  const vatBreakdown: SalesDocument['vatBreakdown'] = [];
  if (excl > 0 || training === 0)
    vatBreakdown.push({
      vatCategory: 'S',
      vatRateBasisPoints: 2000,
      exemptionReason: null,
      taxableAmountCents: excl,
      vatAmountCents: vat,
    });
  if (training > 0)
    vatBreakdown.push({
      vatCategory: 'E',
      vatRateBasisPoints: 0,
      exemptionReason: TRAINING,
      taxableAmountCents: training,
      vatAmountCents: 0,
    });
  return {
    documentId: id,
    type: 'invoice',
    number,
    organisationId: 'org-1',
    buyerName: 'Association Les Amis',
    issueDate: '2026-03-02',
    invoiceId: id,
    totalInclVatCents: excl + vat + training,
    vatBreakdown,
  };
}

function creditNote(of: SalesDocument, id: string, excl: number): SalesDocument {
  const vat = Math.round(excl * 0.2);
  return {
    ...of,
    documentId: id,
    type: 'credit_note',
    number: 'AV-2026-000001',
    issueDate: '2026-03-10',
    totalInclVatCents: excl + vat,
    vatBreakdown: [
      {
        vatCategory: 'S',
        vatRateBasisPoints: 2000,
        exemptionReason: null,
        taxableAmountCents: excl,
        vatAmountCents: vat,
      },
    ],
  };
}

function money(key: string, amountCents: number, journal: 'ST' | 'BQ' = 'ST'): CustomerMoney {
  return {
    journal,
    sourceKey: `payment:${key}`,
    date: '2026-03-05',
    pieceRef: journal === 'ST' ? `pi_${key}` : `BANKREF-${key}`,
    amountCents,
    label: `Règlement ${key}`,
    organisationId: 'org-1',
    letteringKey: 'inv-1',
  };
}

function balanceOf(entry: EntryDraft): number {
  return entry.lines.reduce((sum, line) => sum + line.debitCents - line.creditCents, 0);
}

/** Balance of one account role (and rate) over entries, debit less credit. */
function accountBalance(entries: EntryDraft[], role: string, rate?: number): number {
  return entries
    .flatMap((entry) => entry.lines)
    .filter(
      (line) =>
        line.account.role === role &&
        (rate === undefined ||
          ('vatRateBasisPoints' in line.account && line.account.vatRateBasisPoints === rate)),
    )
    .reduce((sum, line) => sum + line.debitCents - line.creditCents, 0);
}

function expectWellFormed(entry: EntryDraft): void {
  expect(balanceOf(entry)).toBe(0);
  for (const line of entry.lines) {
    expect(Number.isSafeInteger(line.debitCents) && line.debitCents >= 0).toBe(true);
    expect(Number.isSafeInteger(line.creditCents) && line.creditCents >= 0).toBe(true);
    expect(line.debitCents > 0 && line.creditCents > 0).toBe(false);
    if (line.account.role === 'customers') {
      expect(line.organisationId).toBeTruthy();
      expect(line.letteringKey).toBeTruthy();
    }
  }
}

describe('revenue accounts by VAT regime', () => {
  it('sends taxable sales to revenue_taxable, training-exempt ones to revenue_exempt_training, the rest to revenue_other', () => {
    expect(revenueRoleFor({ vatCategory: 'S', exemptionReason: null })).toBe('revenue_taxable');
    expect(revenueRoleFor({ vatCategory: 'E', exemptionReason: TRAINING })).toBe(
      'revenue_exempt_training',
    );
    expect(revenueRoleFor({ vatCategory: 'E', exemptionReason: 'art. 261, 4, 4° a du CGI' })).toBe(
      'revenue_exempt_training',
    );
    expect(
      revenueRoleFor({
        vatCategory: 'E',
        exemptionReason: 'TVA non applicable, art. 293 B du CGI',
      }),
    ).toBe('revenue_other');
    expect(revenueRoleFor({ vatCategory: 'E', exemptionReason: 'art. 261, 7, 1° a du CGI' })).toBe(
      'revenue_other',
    );
    expect(
      revenueRoleFor({ vatCategory: 'O', exemptionReason: 'Opération non soumise à la TVA' }),
    ).toBe('revenue_other');
  });
  it('follows the regime a document names over its mention', () => {
    const reason = 'Exonération de TVA, art. 261, 7, 1° a du CGI';
    expect(revenueRoleFor({ vatCategory: 'S', exemptionReason: null, vatRegime: 'standard' })).toBe(
      'revenue_taxable',
    );
    expect(
      revenueRoleFor({ vatCategory: 'E', exemptionReason: TRAINING, vatRegime: 'exempt_training' }),
    ).toBe('revenue_exempt_training');
    for (const vatRegime of [
      'exempt_members',
      'franchise',
      'out_of_scope_disbursement',
      'out_of_scope_subsidy',
      'not_subject',
    ])
      expect(revenueRoleFor({ vatCategory: 'E', exemptionReason: reason, vatRegime })).toBe(
        'revenue_other',
      );
  });
});

describe('cotisations', () => {
  const MENTION =
    'Cotisation hors du champ d’application de la TVA (sans contrepartie individualisée), art. 256 du CGI';

  /** A membership invoice of `amount`, out of scope or taxable at 20 %. */
  function cotisation(id: string, amount: number, taxable: boolean): SalesDocument {
    const vat = taxable ? Math.round(amount * 0.2) : 0;
    return {
      documentId: id,
      type: 'invoice',
      number: 'F-2026-000002',
      organisationId: 'org-1',
      buyerName: 'Association Les Amis',
      issueDate: '2026-11-20',
      invoiceId: id,
      totalInclVatCents: amount + vat,
      membershipId: 'membership-2027',
      vatBreakdown: [
        taxable
          ? {
              vatCategory: 'S',
              vatRateBasisPoints: 2000,
              exemptionReason: null,
              vatRegime: 'standard',
              taxableAmountCents: amount,
              vatAmountCents: vat,
            }
          : {
              vatCategory: 'O',
              vatRateBasisPoints: 0,
              exemptionReason: MENTION,
              vatRegime: 'out_of_scope_membership',
              taxableAmountCents: amount,
              vatAmountCents: 0,
            },
      ],
    };
  }

  it('sends the revenue of a membership’s documents to revenue_membership, decided by the membership they bill', () => {
    expect(
      revenueRoleFor(
        { vatCategory: 'O', exemptionReason: MENTION, vatRegime: 'out_of_scope_membership' },
        { membershipId: 'membership-2027' },
      ),
    ).toBe('revenue_membership');
    expect(
      revenueRoleFor(
        { vatCategory: 'S', exemptionReason: null, vatRegime: 'standard' },
        { membershipId: 'membership-2027' },
      ),
    ).toBe('revenue_membership');
    // The same sale without a membership is a sale like the others.
    expect(
      revenueRoleFor({ vatCategory: 'S', exemptionReason: null, vatRegime: 'standard' }, {}),
    ).toBe('revenue_taxable');
    expect(
      revenueRoleFor({
        vatCategory: 'O',
        exemptionReason: MENTION,
        vatRegime: 'out_of_scope_membership',
      }),
    ).toBe('revenue_other');
  });

  it('books an out-of-scope cotisation 411/756 with no VAT, and a taxable one with its VAT pending', () => {
    const outOfScope = salesEntry(cotisation('inv-m1', 45_000, false), { vatOnDebits: false });
    expectWellFormed(outOfScope);
    expect(
      outOfScope.lines.map((line) => [line.account.role, line.debitCents, line.creditCents]),
    ).toEqual([
      ['customers', 45_000, 0],
      ['revenue_membership', 0, 45_000],
    ]);
    const taxable = salesEntry(cotisation('inv-m2', 45_000, true), { vatOnDebits: false });
    expectWellFormed(taxable);
    expect(taxable.lines.map((line) => [line.account, line.debitCents, line.creditCents])).toEqual([
      [{ role: 'customers' }, 54_000, 0],
      [{ role: 'revenue_membership' }, 0, 45_000],
      [{ role: 'vat_pending', vatRateBasisPoints: 2000 }, 0, 9_000],
    ]);
  });

  it('takes back cotisations on the credit note of a membership, and defers next year’s', () => {
    const sale = cotisation('inv-m1', 45_000, false);
    const credit: SalesDocument = {
      ...sale,
      documentId: 'cn-m1',
      type: 'credit_note',
      number: 'AV-2026-000002',
    };
    const entry = salesEntry(credit, { vatOnDebits: false });
    expect(
      entry.lines.map((line) => [line.account.role, line.debitCents, line.creditCents]),
    ).toEqual([
      ['customers', 0, 45_000],
      ['revenue_membership', 45_000, 0],
    ]);
    const [deferred] = deferredIncomeEntries(2026, [sale]);
    expect(
      deferred.lines.map((line) => [line.account.role, line.debitCents, line.creditCents]),
    ).toEqual([
      ['revenue_membership', 45_000, 0],
      ['deferred_income', 0, 45_000],
    ]);
  });
});

describe('sales journal entries', () => {
  it('debits the member with the total and credits revenue by regime and VAT pending by rate', () => {
    const entry = salesEntry(invoice('inv-1', 10_000, 5_000), { vatOnDebits: false });
    expectWellFormed(entry);
    expect(entry).toMatchObject({
      journal: 'VT',
      sourceKey: 'invoice:inv-1',
      date: '2026-03-02',
      pieceRef: 'F-2026-000001',
      pieceDate: '2026-03-02',
    });
    expect(entry.lines.map((line) => [line.account, line.debitCents, line.creditCents])).toEqual([
      [{ role: 'customers' }, 17_000, 0],
      [{ role: 'revenue_taxable' }, 0, 10_000],
      [{ role: 'revenue_exempt_training' }, 0, 5_000],
      [{ role: 'vat_pending', vatRateBasisPoints: 2000 }, 0, 2_000],
    ]);
    expect(entry.lines[0]).toMatchObject({ organisationId: 'org-1', letteringKey: 'inv-1' });
  });

  it('credits VAT collected at once when the Chambre opted for the debits', () => {
    const entry = salesEntry(invoice('inv-1', 10_000), { vatOnDebits: true });
    expect(entry.lines.at(-1)).toMatchObject({
      account: { role: 'vat_collected', vatRateBasisPoints: 2000 },
      creditCents: 2_000,
    });
    expect(entry.lines.some((line) => line.account.role === 'vat_pending')).toBe(false);
  });

  it('mirrors the invoice for a credit note, lettered with the invoice it corrects', () => {
    const original = invoice('inv-1', 10_000);
    const entry = salesEntry(creditNote(original, 'cn-1', 4_000), { vatOnDebits: false });
    expectWellFormed(entry);
    expect(entry.sourceKey).toBe('credit-note:cn-1');
    expect(entry.pieceRef).toBe('AV-2026-000001');
    expect(
      entry.lines.map((line) => [line.account.role, line.debitCents, line.creditCents]),
    ).toEqual([
      ['customers', 0, 4_800],
      ['revenue_taxable', 4_000, 0],
      ['vat_pending', 800, 0],
    ]);
    expect(entry.lines[0].letteringKey).toBe('inv-1');
  });

  it('writes a zero-amount invoice as an entry of zero lines', () => {
    const entry = salesEntry(invoice('inv-0', 0), { vatOnDebits: false });
    expect(balanceOf(entry)).toBe(0);
    expect(
      entry.lines.map((line) => [line.account.role, line.debitCents, line.creditCents]),
    ).toEqual([
      ['customers', 0, 0],
      ['revenue_taxable', 0, 0],
    ]);
  });
});

describe('VAT due on payment', () => {
  it('rounds a proportion half away from zero, in integers', () => {
    expect(proportion(2_000, 6_000, 12_000)).toBe(1_000);
    expect(proportion(1, 1, 2)).toBe(1);
    expect(proportion(-1, 1, 2)).toBe(-1);
    expect(proportion(1, 1, 3)).toBe(0);
    expect(proportion(2_000, -6_000, -12_000)).toBe(1_000);
    expect(proportion(Number.MAX_SAFE_INTEGER, 3, 3)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('moves each partial payment’s share of what is pending and gives the payment that settles the remainder', () => {
    const inv = salesEntry(invoice('inv-1', 10_001), { vatOnDebits: false }); // 12 001, VAT 2 000
    const first = paymentEntry(money('p1', 4_000), invoiceBookOf([inv], 'inv-1'));
    const second = paymentEntry(money('p2', 4_000), invoiceBookOf([inv, first], 'inv-1'));
    const last = paymentEntry(money('p3', 4_001), invoiceBookOf([inv, first, second], 'inv-1'));
    const entries = [inv, first, second, last];
    entries.forEach(expectWellFormed);
    const moved = (entry: EntryDraft) => accountBalance([entry], 'vat_collected', 2000);
    expect([first, second, last].map(moved)).toEqual([-667, -666, -667]);
    expect(accountBalance(entries, 'vat_pending', 2000)).toBe(0);
    expect(accountBalance(entries, 'vat_collected', 2000)).toBe(-2_000);
    expect(accountBalance(entries, 'customers')).toBe(0);
    expect(accountBalance(entries, 'stripe')).toBe(12_001);
  });

  it('dates a card payment by Stripe and refers to the Stripe object; a bank one to the statement line', () => {
    const inv = salesEntry(invoice('inv-1', 10_000), { vatOnDebits: false });
    const card = paymentEntry(money('p1', 12_000), invoiceBookOf([inv], 'inv-1'));
    expect(card).toMatchObject({ journal: 'ST', pieceRef: 'pi_p1', date: '2026-03-05' });
    expect(
      card.lines.slice(0, 2).map((line) => [line.account.role, line.debitCents, line.creditCents]),
    ).toEqual([
      ['stripe', 12_000, 0],
      ['customers', 0, 12_000],
    ]);
    const bank = paymentEntry(money('p2', 12_000, 'BQ'), invoiceBookOf([inv], 'inv-1'));
    expect(bank).toMatchObject({ journal: 'BQ', pieceRef: 'BANKREF-p2' });
    expect(bank.lines[0].account.role).toBe('bank');
    expect(bank.lines[1]).toMatchObject({ letteringKey: 'inv-1', organisationId: 'org-1' });
  });

  it('moves no VAT under the debits option, nor on money beyond what is due', () => {
    const debits = salesEntry(invoice('inv-1', 10_000), { vatOnDebits: true });
    const paid = paymentEntry(money('p1', 12_000), invoiceBookOf([debits], 'inv-1'));
    expect(paid.lines).toHaveLength(2);
    const inv = salesEntry(invoice('inv-1', 10_000), { vatOnDebits: false });
    const settled = paymentEntry(money('p1', 12_000), invoiceBookOf([inv], 'inv-1'));
    const extra = paymentEntry(money('p2', 500), invoiceBookOf([inv, settled], 'inv-1'));
    expect(extra.lines).toHaveLength(2);
    expect(vatShares(500, { dueCents: -100, pendingVatCents: new Map([[2000, 10]]) })).toEqual([]);
  });

  it('counts a credit note before the payment: the payment that settles the rest moves only the VAT left', () => {
    const original = invoice('inv-1', 10_000);
    const inv = salesEntry(original, { vatOnDebits: false });
    const credit = salesEntry(creditNote(original, 'cn-1', 5_000), { vatOnDebits: false });
    const paid = paymentEntry(money('p1', 6_000), invoiceBookOf([inv, credit], 'inv-1'));
    const entries = [inv, credit, paid];
    expect(accountBalance(entries, 'vat_pending', 2000)).toBe(0);
    expect(accountBalance(entries, 'vat_collected', 2000)).toBe(-1_000);
    expect(accountBalance(entries, 'customers')).toBe(0);
  });

  it('gives back the VAT of a refunded credit note: paid, credited in full, refunded leaves nothing due', () => {
    const original = invoice('inv-1', 10_000);
    const inv = salesEntry(original, { vatOnDebits: false });
    const paid = paymentEntry(money('p1', 12_000), invoiceBookOf([inv], 'inv-1'));
    const credit = salesEntry(creditNote(original, 'cn-1', 10_000), { vatOnDebits: false });
    const refund = refundEntry(
      { ...money('r1', 12_000), sourceKey: 'refund:r1' },
      invoiceBookOf([inv, paid, credit], 'inv-1'),
    );
    const entries = [inv, paid, credit, refund];
    entries.forEach(expectWellFormed);
    expect(
      refund.lines
        .slice(0, 2)
        .map((line) => [line.account.role, line.debitCents, line.creditCents]),
    ).toEqual([
      ['customers', 12_000, 0],
      ['stripe', 0, 12_000],
    ]);
    expect(accountBalance(entries, 'vat_pending', 2000)).toBe(0);
    expect(accountBalance(entries, 'vat_collected', 2000)).toBe(0);
    expect(accountBalance(entries, 'customers')).toBe(0);
    expect(accountBalance(entries, 'stripe')).toBe(0);
  });

  it('moves the VAT back with the credit note when the refund came first', () => {
    const original = invoice('inv-1', 10_000);
    const inv = salesEntry(original, { vatOnDebits: false });
    const paid = paymentEntry(money('p1', 12_000), invoiceBookOf([inv], 'inv-1'));
    // The refund finds nothing owed back yet: it moves no VAT.
    const refund = refundEntry(
      { ...money('r1', 12_000), sourceKey: 'refund:r1' },
      invoiceBookOf([inv, paid], 'inv-1'),
    );
    expect(refund.lines).toHaveLength(2);
    const credit = salesEntry(creditNote(original, 'cn-1', 10_000), {
      vatOnDebits: false,
      invoiceBook: invoiceBookOf([inv, paid, refund], 'inv-1'),
    });
    expect(
      credit.lines.slice(3).map((line) => [line.account.role, line.debitCents, line.creditCents]),
    ).toEqual([
      ['vat_collected', 2_000, 0],
      ['vat_pending', 0, 2_000],
    ]);
    const entries = [inv, paid, refund, credit];
    entries.forEach(expectWellFormed);
    for (const role of ['customers', 'vat_pending', 'vat_collected', 'stripe'])
      expect(accountBalance(entries, role)).toBe(0);
  });

  it('keeps the VAT of what is kept after a partial refund', () => {
    const original = invoice('inv-1', 10_000);
    const inv = salesEntry(original, { vatOnDebits: false });
    const paid = paymentEntry(money('p1', 12_000), invoiceBookOf([inv], 'inv-1'));
    const credit = salesEntry(creditNote(original, 'cn-1', 2_500), { vatOnDebits: false });
    const refund = refundEntry(
      { ...money('r1', 3_000), sourceKey: 'refund:r1' },
      invoiceBookOf([inv, paid, credit], 'inv-1'),
    );
    const entries = [inv, paid, credit, refund];
    expect(accountBalance(entries, 'vat_pending', 2000)).toBe(0);
    expect(accountBalance(entries, 'vat_collected', 2000)).toBe(-1_500);
    expect(accountBalance(entries, 'revenue_taxable')).toBe(-7_500);
  });

  it('adds up exactly whatever the order of partial payments, credit notes, refunds and reversals', () => {
    // A seeded walk over many invoices: each step settles part of what is due (or gives back
    // part of what is owed), with credit notes and reversals in between; once nothing is due
    // and nothing owed, nothing is pending and the VAT collected is the VAT of the money kept.
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 300; round++) {
      const excl = 1 + random(50_000);
      const original = invoice('inv-1', excl);
      const total = original.totalInclVatCents;
      const entries: EntryDraft[] = [salesEntry(original, { vatOnDebits: false })];
      const payments: EntryDraft[] = [];
      let credited = 0;
      let creditedVat = 0;
      for (let step = 0; step < 12; step++) {
        const book = invoiceBookOf(entries, 'inv-1');
        const choice = random(4);
        if (choice === 0 && credited < total) {
          const left = excl - Math.round((credited * excl) / total);
          const part = Math.max(1, Math.min(left, 1 + random(left)));
          const note = creditNote(original, `cn-${step}`, part);
          if (credited + note.totalInclVatCents > total) continue;
          credited += note.totalInclVatCents;
          creditedVat += note.vatBreakdown[0].vatAmountCents;
          entries.push(salesEntry(note, { vatOnDebits: false, invoiceBook: book }));
        } else if (choice === 1 && payments.length > 0) {
          const undone = payments.splice(random(payments.length), 1)[0];
          entries.push(
            counterEntry(undone, { sourceKey: `reversal:${step}`, date: '2026-04-01', label: 'x' }),
          );
        } else if (book.dueCents > 0) {
          const part = random(2) === 0 ? book.dueCents : 1 + random(book.dueCents);
          const entry = paymentEntry({ ...money(`p${step}`, part), sourceKey: `p${step}` }, book);
          payments.push(entry);
          entries.push(entry);
        } else if (book.dueCents < 0) {
          const part = random(2) === 0 ? -book.dueCents : 1 + random(-book.dueCents);
          entries.push(refundEntry({ ...money(`r${step}`, part), sourceKey: `r${step}` }, book));
        }
      }
      // Settle what is left either way.
      const book = invoiceBookOf(entries, 'inv-1');
      if (book.dueCents > 0)
        entries.push(paymentEntry({ ...money('last', book.dueCents), sourceKey: 'last' }, book));
      if (book.dueCents < 0)
        entries.push(refundEntry({ ...money('last', -book.dueCents), sourceKey: 'last' }, book));
      entries.forEach(expectWellFormed);
      expect(accountBalance(entries, 'customers')).toBe(0);
      expect(accountBalance(entries, 'vat_pending', 2000)).toBe(0);
      const collected = accountBalance(entries, 'vat_collected', 2000); // a credit balance
      expect(collected + original.vatBreakdown[0].vatAmountCents - creditedVat).toBe(0);
    }
  });
});

describe('reversals, fees, payouts and money that settles no invoice', () => {
  it('reverses an entry with its mirror, leaving the original and netting every account to zero', () => {
    const inv = salesEntry(invoice('inv-1', 10_000), { vatOnDebits: false });
    const paid = paymentEntry(money('p1', 6_000, 'BQ'), invoiceBookOf([inv], 'inv-1'));
    const undone = counterEntry(paid, {
      sourceKey: 'payment-reversal:p1',
      date: '2026-03-20',
      label: 'Annulation règlement',
    });
    expectWellFormed(undone);
    expect(undone).toMatchObject({
      journal: 'BQ',
      sourceKey: 'payment-reversal:p1',
      date: '2026-03-20',
      pieceRef: paid.pieceRef,
    });
    for (const role of ['bank', 'customers', 'vat_pending', 'vat_collected'])
      expect(accountBalance([paid, undone], role)).toBe(0);
    expect(undone.lines.find((line) => line.account.role === 'customers')?.letteringKey).toBe(
      'inv-1',
    );
    // The invoice owes its whole amount again, with its whole VAT pending.
    expect(invoiceBookOf([inv, paid, undone], 'inv-1')).toEqual({
      dueCents: 12_000,
      pendingVatCents: new Map([[2000, 2_000]]),
    });
  });

  it('books Stripe’s fee 627/467 in ST and a payout 512/467 in BQ', () => {
    const fee = stripeFeeEntry({
      sourceKey: 'stripe-fee:txn_1',
      date: '2026-03-05',
      pieceRef: 'txn_1',
      amountCents: 205,
      label: 'Frais Stripe',
    });
    expect(fee.journal).toBe('ST');
    expect(fee.lines.map((line) => [line.account.role, line.debitCents, line.creditCents])).toEqual(
      [
        ['fees', 205, 0],
        ['stripe', 0, 205],
      ],
    );
    const payout = payoutEntry({
      sourceKey: 'payout:po_1',
      date: '2026-03-07',
      pieceRef: 'po_1',
      amountCents: 11_795,
      label: 'Virement Stripe',
    });
    expect(payout.journal).toBe('BQ');
    expect(
      payout.lines.map((line) => [line.account.role, line.debitCents, line.creditCents]),
    ).toEqual([
      ['bank', 11_795, 0],
      ['stripe', 0, 11_795],
    ]);
  });

  it('books money kept as credit and a late payment and its refund without VAT, lettered together', () => {
    const late = { ...money('late', 12_000), letteringKey: 'late-payment:pay-1' };
    const received = unappliedMoneyEntry({ ...late, sourceKey: 'late-payment:pay-1' });
    const back = unappliedRefundEntry({ ...late, sourceKey: 'refund:r1' });
    [received, back].forEach(expectWellFormed);
    expect(received.lines).toHaveLength(2);
    expect(accountBalance([received, back], 'customers')).toBe(0);
    expect(accountBalance([received, back], 'stripe')).toBe(0);
    expect(back.lines[0]).toMatchObject({
      account: { role: 'customers' },
      debitCents: 12_000,
      letteringKey: 'late-payment:pay-1',
    });
  });

  it('defers nothing when no service comes after the year, or when credit notes took it all back', () => {
    expect(deferredIncomeEntries(2026, [])).toEqual([]);
    const sale = invoice('inv-1', 10_000);
    expect(deferredIncomeEntries(2026, [sale, { ...creditNote(sale, 'cn-1', 10_000) }])).toEqual(
      [],
    );
    const [deferred, reversal] = deferredIncomeEntries(2026, [sale]);
    [deferred, reversal].forEach(expectWellFormed);
    expect(deferred).toMatchObject({ journal: 'OD', date: '2026-12-31', pieceRef: 'PCA-2026' });
    expect(reversal).toMatchObject({ journal: 'OD', date: '2027-01-01', pieceRef: 'PCA-2026' });
    expect(
      deferred.lines.map((line) => [line.account.role, line.debitCents, line.creditCents]),
    ).toEqual([
      ['revenue_taxable', 10_000, 0],
      ['deferred_income', 0, 10_000],
    ]);
  });
});
