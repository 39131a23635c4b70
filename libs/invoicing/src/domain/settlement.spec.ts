import {
  creditNoteSettlement,
  invoiceSettlement,
  outstandingCents,
  paymentTermsDays,
} from './settlement';

describe('an invoice settled as it happened', () => {
  const issued = { totalInclVatCents: 21_600, issueDate: '2027-01-15', termsDays: 30 };

  it('paid by card before it was issued: nothing due, due the day it was paid', () => {
    expect(
      invoiceSettlement({
        ...issued,
        paymentMeans: 'card',
        prepaid: { amountCents: 21_600, paidOn: '2027-01-14' },
      }),
    ).toEqual({
      paymentMeans: 'card',
      prepaidAmountCents: 21_600,
      payableAmountCents: 0,
      paidOn: '2027-01-14',
      dueDate: '2027-01-14',
    });
  });

  it('paid short: the rest is due within the term; paid over: never more than the total', () => {
    expect(
      invoiceSettlement({
        ...issued,
        paymentMeans: 'sepa_debit',
        prepaid: { amountCents: 20_000, paidOn: '2027-01-14' },
      }),
    ).toMatchObject({
      prepaidAmountCents: 20_000,
      payableAmountCents: 1_600,
      dueDate: '2027-02-14',
    });
    expect(
      invoiceSettlement({
        ...issued,
        paymentMeans: 'card',
        prepaid: { amountCents: 30_000, paidOn: '2027-01-14' },
      }),
    ).toMatchObject({ prepaidAmountCents: 21_600, payableAmountCents: 0 });
  });

  it.each(['bank_transfer', 'cheque', 'administrative_mandate'] as const)(
    'to pay by %s: the whole total, within the term',
    (paymentMeans) => {
      expect(invoiceSettlement({ ...issued, paymentMeans, prepaid: null })).toEqual({
        paymentMeans,
        prepaidAmountCents: 0,
        payableAmountCents: 21_600,
        paidOn: null,
        dueDate: '2027-02-14',
      });
    },
  );

  it('of nothing: asks nothing and names no means', () => {
    expect(
      invoiceSettlement({ ...issued, totalInclVatCents: 0, paymentMeans: null, prepaid: null }),
    ).toEqual({
      paymentMeans: null,
      prepaidAmountCents: 0,
      payableAmountCents: 0,
      paidOn: null,
      dueDate: '2027-01-15',
    });
  });

  it('gives a public buyer at most 30 days (CCP R2192-10)', () => {
    expect(paymentTermsDays(45, true)).toBe(30);
    expect(paymentTermsDays(20, true)).toBe(20);
    expect(paymentTermsDays(45, false)).toBe(45);
  });
});

describe('a credit note settled as it happened', () => {
  const credit = { totalInclVatCents: 10_800, issueDate: '2027-01-20', termsDays: 30 };

  it('on an invoice paid by card and cancelled: refunded to the card the day it was ordered', () => {
    expect(
      creditNoteSettlement({
        ...credit,
        outstandingOnInvoiceCents: 0,
        invoiceMeans: 'card',
        automaticRefundOn: '2027-01-19',
      }),
    ).toEqual({
      paymentMeans: 'card',
      prepaidAmountCents: 0,
      payableAmountCents: 10_800,
      paidOn: '2027-01-19',
      dueDate: null,
    });
  });

  it('on an invoice not paid yet: set off against what it still asks', () => {
    expect(
      creditNoteSettlement({
        ...credit,
        outstandingOnInvoiceCents: 21_600,
        invoiceMeans: 'bank_transfer',
        automaticRefundOn: '2027-01-19',
      }),
    ).toEqual({
      paymentMeans: null,
      prepaidAmountCents: 10_800,
      payableAmountCents: 0,
      paidOn: null,
      dueDate: null,
    });
  });

  it('on an invoice partly paid: set off first, the rest refunded by transfer within the term', () => {
    expect(
      creditNoteSettlement({
        ...credit,
        outstandingOnInvoiceCents: 800,
        invoiceMeans: 'cheque',
        automaticRefundOn: null,
      }),
    ).toEqual({
      paymentMeans: 'bank_transfer',
      prepaidAmountCents: 800,
      payableAmountCents: 10_000,
      paidOn: null,
      dueDate: '2027-02-19',
    });
  });

  it('asked by finance on a card invoice (no automatic refund): refunded by transfer', () => {
    expect(
      creditNoteSettlement({
        ...credit,
        outstandingOnInvoiceCents: 0,
        invoiceMeans: 'card',
        automaticRefundOn: null,
      }),
    ).toMatchObject({ paymentMeans: 'bank_transfer', payableAmountCents: 10_800 });
  });

  it('counts a payment made before issue as paid even before it is recorded against the invoice', () => {
    const invoice = { totalInclVatCents: 21_600, amountCreditedCents: 0 };
    expect(outstandingCents({ ...invoice, amountPaidCents: 0, prepaidAmountCents: 21_600 })).toBe(
      0,
    );
    expect(
      outstandingCents({ ...invoice, amountPaidCents: 21_600, prepaidAmountCents: 21_600 }),
    ).toBe(0);
    expect(outstandingCents({ ...invoice, amountPaidCents: 5_000, prepaidAmountCents: 0 })).toBe(
      16_600,
    );
    expect(
      outstandingCents({
        ...invoice,
        amountPaidCents: 5_000,
        prepaidAmountCents: 0,
        amountCreditedCents: 20_000,
      }),
    ).toBe(0);
  });
});
