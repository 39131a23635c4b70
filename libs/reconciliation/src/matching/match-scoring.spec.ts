import { createRfReference, formatRfReference } from '@mutualis/invoicing';
import {
  AUTO_ALLOCATE_THRESHOLD,
  SUGGESTION_FLOOR,
  describeReason,
  matchScore,
  prepareCandidate,
  prepareTransaction,
  rankCandidates,
  scoreCandidate,
  type MatchCandidate,
  type MatchInput,
  type MatchReason,
} from './match-scoring';

const JARDINS: MatchCandidate = {
  invoiceId: 'inv-42',
  invoiceNumber: 'F-2026-000042',
  organisationName: 'Les Jardins Partagés du Panier',
  amountDueCents: 12_000,
  dueDate: '2026-03-31',
  paymentReference: createRfReference('MJARDINS000000042'),
};

const RELAIS: MatchCandidate = {
  invoiceId: 'inv-50',
  invoiceNumber: 'F-2026-000050',
  organisationName: 'Le Relais SCOP',
  amountDueCents: 12_000,
  dueDate: '2026-03-15',
  paymentReference: createRfReference('MRELAIS0000000050'),
};

function transfer(overrides: Partial<MatchInput> = {}): MatchInput {
  return {
    amountCents: 12_000,
    bookingDate: '2026-04-03',
    payerName: null,
    remittanceInfo: null,
    creditorReference: null,
    ...overrides,
  };
}

function codes(reasons: MatchReason[]): string[] {
  return reasons.map((reason) => reason.code);
}

describe('scoreCandidate', () => {
  it('is certain when the invoice’s RF reference is the creditor reference', () => {
    const result = scoreCandidate(
      transfer({ creditorReference: JARDINS.paymentReference, amountCents: 5_000 }),
      JARDINS,
    );
    expect(result.score).toBe(1);
    expect(result.reasons[0]).toEqual({
      code: 'rf_reference',
      reference: JARDINS.paymentReference,
    });
    expect(codes(result.reasons)).toContain('amount_partial');
  });

  it('is certain when the RF reference is printed in the text, whatever the name', () => {
    const text = `PAIEMENT ${formatRfReference(JARDINS.paymentReference).toLowerCase()} MERCI`;
    const result = scoreCandidate(
      transfer({ remittanceInfo: text, payerName: 'MUTUELLE DES PROVENCES' }),
      JARDINS,
    );
    expect(result.score).toBe(1);
  });

  it('finds its own reference even glued to other text', () => {
    const text = `REF:${JARDINS.paymentReference}FACTURE`;
    expect(scoreCandidate(transfer({ remittanceInfo: text }), JARDINS).score).toBe(1);
  });

  it('gives 0.97 to the invoice number in the text with an exact or partial amount', () => {
    const text = 'VIR SEPA ASSO JARDINS FACT F2026000042';
    const exact = scoreCandidate(transfer({ remittanceInfo: text }), JARDINS);
    expect(exact.score).toBe(0.97);
    expect(codes(exact.reasons)).toEqual([
      'invoice_number_in_text',
      'amount_exact',
      'name_in_text',
      'date_near_due',
    ]);
    const partial = scoreCandidate(transfer({ remittanceInfo: text, amountCents: 4_000 }), JARDINS);
    expect(partial.score).toBe(0.97);
    expect(partial.reasons).toContainEqual({ code: 'amount_partial', differenceCents: -8_000 });
  });

  it('keeps the invoice number of a transfer paying more than due out of the automatic band', () => {
    const result = scoreCandidate(
      transfer({
        remittanceInfo: 'FACT F2026000042 ET F-2026-43',
        payerName: 'ASSOC LES JARDINS PARTAGES DU PANIER',
        amountCents: 24_000,
      }),
      JARDINS,
    );
    expect(result.score).toBeLessThan(AUTO_ALLOCATE_THRESHOLD);
    expect(result.score).toBeGreaterThan(0.8);
    expect(result.reasons).toContainEqual({ code: 'amount_over', differenceCents: 12_000 });
  });

  it('allocates automatically on exact amount, close payer name and near date', () => {
    const result = scoreCandidate(
      transfer({ payerName: 'ASSOC LES JARDINS PARTAGES DU PANIER' }),
      JARDINS,
    );
    expect(result.score).toBeGreaterThanOrEqual(AUTO_ALLOCATE_THRESHOLD);
    expect(result.score).toBeLessThan(0.97);
    expect(result.reasons).toEqual([
      { code: 'amount_exact' },
      { code: 'payer_name', similarity: 1, organisationName: JARDINS.organisationName },
      { code: 'date_near_due', days: 3 },
    ]);
  });

  it('stays automatic at the edge: 45 days late', () => {
    const result = scoreCandidate(
      transfer({ payerName: 'SCOP ARL LE RELAIS', bookingDate: '2026-04-29' }),
      RELAIS,
    );
    expect(result.score).toBeGreaterThanOrEqual(AUTO_ALLOCATE_THRESHOLD);
  });

  it('never allocates automatically an exact amount from an unrelated payer', () => {
    const result = scoreCandidate(transfer({ payerName: 'MUTUELLE DES PROVENCES' }), JARDINS);
    expect(result.score).toBeLessThan(AUTO_ALLOCATE_THRESHOLD);
    expect(result.score).toBeGreaterThanOrEqual(SUGGESTION_FLOOR);
    expect(codes(result.reasons)).toEqual(['amount_exact', 'date_near_due']);
  });

  it('does not go automatic when paid long after the due date, or from a name in the label', () => {
    const late = scoreCandidate(
      transfer({ payerName: 'LES JARDINS PARTAGES DU PANIER', bookingDate: '2026-05-20' }),
      JARDINS,
    );
    expect(late.score).toBeLessThan(AUTO_ALLOCATE_THRESHOLD);
    const label = scoreCandidate(
      transfer({ remittanceInfo: 'VIR LES JARDINS PARTAGES DU PANIER COTISATION' }),
      JARDINS,
    );
    expect(label.score).toBeLessThan(AUTO_ALLOCATE_THRESHOLD);
    expect(label.reasons).toContainEqual({
      code: 'name_in_text',
      similarity: 1,
      organisationName: JARDINS.organisationName,
    });
  });

  it('does not go automatic when the text quotes another invoice', () => {
    const result = scoreCandidate(
      transfer({ payerName: 'LES JARDINS PARTAGES DU PANIER', remittanceInfo: 'F-2026-000041' }),
      JARDINS,
    );
    expect(result.score).toBeLessThan(AUTO_ALLOCATE_THRESHOLD);
    expect(result.reasons[0]).toEqual({ code: 'other_reference', references: ['F-2026-000041'] });
  });

  it('reports a partial payment, and scores it low without other evidence', () => {
    const result = scoreCandidate(
      transfer({ amountCents: 5_000, payerName: 'ASSOCIATION LES JARDINS PARTAGES' }),
      JARDINS,
    );
    expect(result.reasons).toContainEqual({ code: 'amount_partial', differenceCents: -7_000 });
    expect(result.score).toBeLessThan(AUTO_ALLOCATE_THRESHOLD);
    const alone = scoreCandidate(transfer({ amountCents: 5_000 }), JARDINS);
    expect(alone.score).toBeLessThan(SUGGESTION_FLOOR);
  });

  it('tells a close amount (1 € or 1 %) from a partial one', () => {
    const close = scoreCandidate(transfer({ amountCents: 11_950 }), JARDINS);
    expect(close.reasons).toContainEqual({ code: 'amount_close', differenceCents: -50 });
    const large = { ...JARDINS, amountDueCents: 500_000 };
    const onePercent = scoreCandidate(transfer({ amountCents: 495_000 }), large);
    expect(onePercent.reasons).toContainEqual({ code: 'amount_close', differenceCents: -5_000 });
    const beyond = scoreCandidate(transfer({ amountCents: 494_999 }), large);
    expect(codes(beyond.reasons)).toContain('amount_partial');
  });

  it('lets the date count less as it moves away from the due date', () => {
    const payer = 'LE RELAIS';
    const scores = ['2026-03-20', '2026-04-15', '2026-05-01', '2026-05-20'].map(
      (bookingDate) =>
        scoreCandidate(transfer({ payerName: payer, bookingDate, amountCents: 11_990 }), RELAIS)
          .score,
    );
    for (let index = 1; index < scores.length; index++) {
      expect(scores[index]).toBeLessThan(scores[index - 1]);
    }
  });

  it('gives the same score on raw and prepared values, within [0, 1]', () => {
    const tx = transfer({ payerName: 'SCOP ARL LE RELAIS', remittanceInfo: 'FACTURE MARS' });
    for (const invoice of [JARDINS, RELAIS]) {
      const raw = scoreCandidate(tx, invoice);
      const prepared = scoreCandidate(prepareTransaction(tx), prepareCandidate(invoice));
      expect(prepared).toEqual(raw);
      expect(matchScore(prepareTransaction(tx), prepareCandidate(invoice))).toBe(raw.score);
      expect(raw.score).toBeGreaterThanOrEqual(0);
      expect(raw.score).toBeLessThanOrEqual(1);
    }
  });

  it('refuses malformed dates', () => {
    expect(() => prepareTransaction(transfer({ bookingDate: '03/04/2026' }))).toThrow(RangeError);
    expect(() => prepareCandidate({ ...JARDINS, dueDate: '2026-02-30' })).toThrow(/F-2026-000042/);
  });
});

describe('rankCandidates', () => {
  const older = {
    ...JARDINS,
    invoiceId: 'inv-30',
    invoiceNumber: 'F-2026-000030',
    dueDate: '2026-03-10',
  };
  const unrelated = { ...RELAIS, amountDueCents: 99_900 };

  it('sorts by score, then the oldest due date first, and drops the weak', () => {
    const ranked = rankCandidates(
      transfer({ payerName: 'LES JARDINS PARTAGES DU PANIER', bookingDate: '2026-03-20' }),
      [unrelated, JARDINS, RELAIS, older],
    );
    expect(ranked.map((entry) => entry.candidate.invoiceId)).toEqual([
      'inv-30',
      'inv-42',
      'inv-50',
    ]);
    expect(ranked[0].score).toBe(ranked[1].score);
    expect(ranked[2].score).toBeLessThan(AUTO_ALLOCATE_THRESHOLD);
    expect(ranked.every((entry) => entry.reasons.length > 0)).toBe(true);
  });

  it('puts the quoted invoice first and honours the limit', () => {
    const ranked = rankCandidates(
      transfer({ payerName: 'LES JARDINS PARTAGES DU PANIER', remittanceInfo: 'F2026000042' }),
      [older, JARDINS, RELAIS].map(prepareCandidate),
      2,
    );
    expect(ranked).toHaveLength(2);
    expect(ranked[0].candidate.invoiceId).toBe('inv-42');
    expect(ranked[0].score).toBe(0.97);
    expect(ranked[1].score).toBeLessThan(AUTO_ALLOCATE_THRESHOLD);
  });

  it('returns nothing when no candidate reaches the floor', () => {
    expect(rankCandidates(transfer({ amountCents: 1 }), [JARDINS, RELAIS])).toEqual([]);
  });
});

describe('describeReason', () => {
  const spaces = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

  it.each<[MatchReason, string, string]>([
    [{ code: 'amount_exact' }, 'Montant identique au solde dû', 'Amount equal to the balance due'],
    [
      { code: 'payer_name', similarity: 0.92, organisationName: 'Les Jardins Partagés du Panier' },
      'Nom du payeur proche de « Les Jardins Partagés du Panier » (92 %)',
      'Payer name close to “Les Jardins Partagés du Panier” (92%)',
    ],
    [
      { code: 'amount_partial', differenceCents: -7_000 },
      'Paiement partiel : 70,00 € de moins que le solde dû',
      'Partial payment: €70.00 less than the balance due',
    ],
    [
      { code: 'amount_close', differenceCents: 50 },
      'Montant proche du solde dû (0,50 € de plus)',
      'Amount close to the balance due (€0.50 more)',
    ],
    [
      { code: 'amount_over', differenceCents: 1_234_50 },
      'Montant supérieur de 1 234,50 € au solde dû',
      'Amount €1,234.50 more than the balance due',
    ],
    [
      { code: 'invoice_number_in_text', invoiceNumber: 'F-2026-000042' },
      'Numéro de facture F-2026-000042 cité dans le libellé',
      'Invoice number F-2026-000042 quoted in the remittance text',
    ],
    [
      { code: 'rf_reference', reference: 'RF18539007547034' },
      'Référence de paiement RF18539007547034 de la facture dans le virement',
      'The transfer carries the invoice’s payment reference RF18539007547034',
    ],
    [
      { code: 'other_reference', references: ['F-2026-000041'] },
      'Le virement cite une autre pièce : F-2026-000041',
      'The transfer quotes another document: F-2026-000041',
    ],
    [{ code: 'date_near_due', days: 0 }, 'Payé le jour de l’échéance', 'Paid on the due date'],
    [
      { code: 'date_near_due', days: 1 },
      'Payé 1 jour après l’échéance',
      'Paid 1 day after the due date',
    ],
    [
      { code: 'date_near_due', days: -20 },
      'Payé 20 jours avant l’échéance',
      'Paid 20 days before the due date',
    ],
  ])('describes %j', (reason, french, english) => {
    expect(spaces(describeReason(reason, 'fr'))).toBe(french);
    expect(spaces(describeReason(reason, 'en'))).toBe(english);
  });

  it('shortens a long organisation name', () => {
    const text = describeReason(
      {
        code: 'name_in_text',
        similarity: 0.67,
        organisationName: 'Société Coopérative d’Intérêt Collectif des Énergies Citoyennes du Var',
      },
      'fr',
    );
    expect(spaces(text)).toBe(
      'Nom de « Société Coopérative d’Intérêt Collectif… » retrouvé dans le libellé (67 %)',
    );
  });
});
