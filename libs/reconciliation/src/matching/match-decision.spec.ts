import {
  BankLineToMatch,
  decideCredit,
  decideDebit,
  decidePayout,
  InvoiceToMatch,
  mayBeStripePayout,
  OpenInvoiceIndex,
  RefundToMatch,
} from './match-decision';

/** An ISO 11649 creditor reference for a base (check digits by mod 97, as invoicing makes them). */
function rf(base: string): string {
  const digits = `${base}RF00`.replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
  const check = 98 - Number(BigInt(digits) % 97n);
  return `RF${String(check).padStart(2, '0')}${base}`;
}

function invoice(overrides: Partial<InvoiceToMatch> & { invoiceId: string }): InvoiceToMatch {
  return {
    number: `F-2026-0000${overrides.invoiceId.slice(-2)}`,
    organisationId: `org-${overrides.invoiceId}`,
    organisationName: 'Les Jardins Partagés du Panier',
    amountDueCents: 12_000,
    dueDate: '2026-03-31',
    paymentReference: rf(`M${overrides.invoiceId.toUpperCase().padStart(16, '0')}`),
    ...overrides,
  };
}

function line(overrides: Partial<BankLineToMatch> = {}): BankLineToMatch {
  return {
    direction: 'credit',
    amountCents: 12_000,
    allocatedCents: 0,
    bookingDate: '2026-04-03',
    counterpartyName: null,
    remittanceInfo: null,
    creditorReference: null,
    ...overrides,
  };
}

const JARDINS = invoice({ invoiceId: 'inv42', number: 'F-2026-000042' });
const RELAIS = invoice({
  invoiceId: 'inv50',
  number: 'F-2026-000050',
  organisationName: 'Le Relais SCOP',
  dueDate: '2026-03-15',
});

describe('decideCredit', () => {
  it('pays the invoice its RF reference names, and keeps an overpayment as the organisation’s credit', () => {
    const index = new OpenInvoiceIndex([JARDINS, RELAIS]);
    const decision = decideCredit(
      line({ amountCents: 15_000, creditorReference: JARDINS.paymentReference }),
      index,
    );
    expect(decision).toEqual({
      kind: 'allocate',
      allocations: [
        { invoiceId: 'inv42', organisationId: 'org-inv42', amountCents: 12_000 },
        { invoiceId: null, organisationId: 'org-inv42', amountCents: 3_000 },
      ],
    });
  });

  it('never pays an invoice twice in one run: its balance shrinks as lines take from it', () => {
    const index = new OpenInvoiceIndex([JARDINS]);
    const reference = { creditorReference: JARDINS.paymentReference };
    expect(decideCredit(line({ amountCents: 8_000, ...reference }), index)).toEqual({
      kind: 'allocate',
      allocations: [{ invoiceId: 'inv42', organisationId: 'org-inv42', amountCents: 8_000 }],
    });
    expect(decideCredit(line({ amountCents: 8_000, ...reference }), index)).toEqual({
      kind: 'allocate',
      allocations: [
        { invoiceId: 'inv42', organisationId: 'org-inv42', amountCents: 4_000 },
        { invoiceId: null, organisationId: 'org-inv42', amountCents: 4_000 },
      ],
    });
    // Paid in full: the reference no longer settles anything, nothing is left to suggest.
    expect(decideCredit(line({ amountCents: 8_000, ...reference }), index)).toEqual({
      kind: 'suggest',
      suggestions: [],
    });
  });

  it('matches only what is left of a line partly allocated already', () => {
    const index = new OpenInvoiceIndex([JARDINS]);
    const decision = decideCredit(
      line({
        amountCents: 20_000,
        allocatedCents: 8_000,
        creditorReference: JARDINS.paymentReference,
      }),
      index,
    );
    expect(decision).toEqual({
      kind: 'allocate',
      allocations: [{ invoiceId: 'inv42', organisationId: 'org-inv42', amountCents: 12_000 }],
    });
  });

  it('pays an invoice whose number is in the text when the amount fits its balance', () => {
    const index = new OpenInvoiceIndex([JARDINS, RELAIS]);
    const decision = decideCredit(
      line({ amountCents: 5_000, remittanceInfo: 'Acompte facture F-2026-000050' }),
      index,
    );
    expect(decision).toEqual({
      kind: 'allocate',
      allocations: [{ invoiceId: 'inv50', organisationId: 'org-inv50', amountCents: 5_000 }],
    });
  });

  it('pays several numbered invoices when their balances add up to the amount', () => {
    const index = new OpenInvoiceIndex([JARDINS, RELAIS]);
    const decision = decideCredit(
      line({ amountCents: 24_000, remittanceInfo: 'F-2026-000042 et F-2026-000050' }),
      index,
    );
    expect(decision).toEqual({
      kind: 'allocate',
      allocations: [
        { invoiceId: 'inv42', organisationId: 'org-inv42', amountCents: 12_000 },
        { invoiceId: 'inv50', organisationId: 'org-inv50', amountCents: 12_000 },
      ],
    });
  });

  it('allocates a clear winner by amount, payer name and date without a person', () => {
    const index = new OpenInvoiceIndex([JARDINS, RELAIS]);
    const decision = decideCredit(
      line({ counterpartyName: 'ASSOCIATION LES JARDINS PARTAGES DU PANIER' }),
      index,
    );
    expect(decision).toEqual({
      kind: 'allocate',
      allocations: [{ invoiceId: 'inv42', organisationId: 'org-inv42', amountCents: 12_000 }],
    });
  });

  it('only suggests, best first with reasons, when no candidate is a clear winner', () => {
    const index = new OpenInvoiceIndex([JARDINS, RELAIS]);
    const decision = decideCredit(line({ counterpartyName: 'M DUPONT JEAN' }), index);
    expect(decision.kind).toBe('suggest');
    if (decision.kind !== 'suggest') return;
    expect(decision.suggestions.map((suggestion) => suggestion.invoiceId).sort()).toEqual([
      'inv42',
      'inv50',
    ]);
    for (const suggestion of decision.suggestions) {
      expect(suggestion.refundId).toBeNull();
      expect(suggestion.score).toBeLessThan(0.95);
      expect(suggestion.reasons.map((reason) => reason.code)).toContain('amount_exact');
    }
  });
});

describe('decideDebit', () => {
  const refund = (overrides: Partial<RefundToMatch> & { refundId: string }): RefundToMatch => ({
    organisationId: `org-${overrides.refundId}`,
    organisationName: 'Le Relais SCOP',
    amountCents: 6_000,
    taken: false,
    ...overrides,
  });

  it('settles the one refund of that amount to a payee of that name, and takes it for the run', () => {
    const refunds = [refund({ refundId: 'r1' }), refund({ refundId: 'r2', amountCents: 7_000 })];
    const debit = line({
      direction: 'debit',
      amountCents: 6_000,
      counterpartyName: 'LE RELAIS SCOP',
    });
    expect(decideDebit(debit, refunds)).toEqual({
      kind: 'allocate',
      allocations: [
        { invoiceId: null, refundId: 'r1', organisationId: 'org-r1', amountCents: 6_000 },
      ],
    });
    expect(refunds[0].taken).toBe(true);
    expect(decideDebit(debit, refunds)).toEqual({ kind: 'suggest', suggestions: [] });
  });

  it('suggests when two refunds of that amount could be the transfer', () => {
    const refunds = [
      refund({ refundId: 'r1' }),
      refund({ refundId: 'r2', organisationName: 'Coopérative du Lez' }),
    ];
    const decision = decideDebit(
      line({ direction: 'debit', amountCents: 6_000, counterpartyName: 'LE RELAIS SCOP' }),
      refunds,
    );
    expect(decision.kind).toBe('suggest');
    if (decision.kind !== 'suggest') return;
    expect(decision.suggestions.map((suggestion) => suggestion.refundId)).toEqual(['r1', 'r2']);
    expect(decision.suggestions[0].reasons[0]).toEqual({ code: 'amount_exact' });
    expect(refunds.every((candidate) => !candidate.taken)).toBe(true);
  });
});

describe('decidePayout', () => {
  it('takes the first payout of the amount no one took yet, and marks it taken', () => {
    const taken = new Set(['po_1']);
    const credit = line({ amountCents: 30_000, counterpartyName: 'STRIPE PAYMENTS EUROPE' });
    expect(mayBeStripePayout(credit)).toBe(true);
    expect(decidePayout(credit, ['po_1', 'po_2', 'po_3'], taken)).toEqual({
      kind: 'allocate',
      allocations: [{ invoiceId: null, payoutId: 'po_2', amountCents: 30_000 }],
    });
    expect(taken.has('po_2')).toBe(true);
    expect(decidePayout(credit, ['po_1', 'po_2'], taken)).toBeUndefined();
  });

  it('considers only credits that name Stripe', () => {
    expect(mayBeStripePayout(line({ remittanceInfo: 'VIR STRIPE PAYOUT' }))).toBe(true);
    expect(mayBeStripePayout(line({ counterpartyName: 'Le Relais SCOP' }))).toBe(false);
    expect(mayBeStripePayout(line({ direction: 'debit', counterpartyName: 'Stripe' }))).toBe(false);
  });
});
