import type { AccountRef, EntryDraft, EntryLineDraft, JournalCode } from '../journal/entry-draft';
import { RevenueRegime, RevenueRole, revenueRoleFor, RevenueSource } from './revenue-role';
import { InvoiceBook, VatShare, vatShares } from './vat-on-payment';

/**
 * The posting rules: which entry each money fact makes. Pure functions from facts (read by the
 * handlers from the contexts that own them) to the drafts the journal writes. Amounts are whole
 * cents; every entry balances.
 */

/** One (category, rate) group of an invoice's or a credit note's VAT breakdown. */
export interface SalesVatGroup extends RevenueRegime {
  vatRateBasisPoints: number;
  taxableAmountCents: number;
  vatAmountCents: number;
}

/** An invoice or a credit note as issued (a membership's goes to the cotisations' account). */
export interface SalesDocument extends RevenueSource {
  documentId: string;
  type: 'invoice' | 'credit_note';
  number: string;
  organisationId: string;
  buyerName: string;
  /** YYYY-MM-DD. */
  issueDate: string;
  /** The invoice the document settles: itself, or the invoice a credit note corrects. */
  invoiceId: string;
  totalInclVatCents: number;
  vatBreakdown: SalesVatGroup[];
}

export interface SalesOptions {
  /**
   * The Chambre opted to pay VAT on the debits (CGI 269-2-c, last sentence): VAT is due when
   * invoiced, so it goes straight to the collected account and payments move none.
   */
  vatOnDebits: boolean;
  /**
   * For a credit note: the books of the invoice it corrects, before it. A credit note that
   * leaves nothing due settles the invoice, so the VAT still pending (a cent of rounding between
   * the payments' shares and the credit note's own VAT) is moved to collected, as the payment
   * that settles an invoice takes the remainder.
   */
  invoiceBook?: InvoiceBook;
}

/** The source key of an invoice's or a credit note's entry in the sales journal. */
export function salesSourceKey(document: Pick<SalesDocument, 'type' | 'documentId'>): string {
  return `${document.type === 'invoice' ? 'invoice' : 'credit-note'}:${document.documentId}`;
}

const REVENUE_ORDER: RevenueRole[] = [
  'revenue_taxable',
  'revenue_exempt_training',
  'revenue_other',
  'revenue_membership',
];

/**
 * VT: an invoice debits the member's account (411) with its total and credits revenue by VAT
 * regime and VAT by rate (pending until paid, or collected under the debits option); a credit
 * note is its mirror. A zero-amount document still makes its entry, with zero lines, so the
 * sales journal lists every number.
 */
export function salesEntry(document: SalesDocument, options: SalesOptions): EntryDraft {
  const invoice = document.type === 'invoice';
  const label = `${invoice ? 'Facture' : 'Avoir'} ${document.number} ${document.buyerName}`.trim();
  // An invoice's customer line is a debit and its revenue and VAT credits; a credit note's the reverse.
  const line = (
    account: AccountRef,
    cents: number,
    customerSide: boolean,
    extra: Partial<EntryLineDraft> = {},
  ): EntryLineDraft => {
    const debit = customerSide === invoice;
    return {
      account,
      label,
      debitCents: debit ? cents : 0,
      creditCents: debit ? 0 : cents,
      ...extra,
    };
  };

  const revenue = new Map<RevenueRole, number>();
  const vat = new Map<number, number>();
  for (const group of document.vatBreakdown) {
    const role = revenueRoleFor(group, document);
    revenue.set(role, (revenue.get(role) ?? 0) + group.taxableAmountCents);
    if (group.vatAmountCents !== 0)
      vat.set(
        group.vatRateBasisPoints,
        (vat.get(group.vatRateBasisPoints) ?? 0) + group.vatAmountCents,
      );
  }
  const lines: EntryLineDraft[] = [
    line({ role: 'customers' }, document.totalInclVatCents, true, {
      organisationId: document.organisationId,
      letteringKey: document.invoiceId,
    }),
  ];
  const zero = document.totalInclVatCents === 0;
  for (const role of REVENUE_ORDER) {
    const cents = revenue.get(role);
    // A zero-amount document keeps its revenue line (at zero) to say what was sold.
    if (cents === undefined || (cents === 0 && !zero)) continue;
    lines.push(line({ role }, cents, false));
  }
  const vatRole = options.vatOnDebits ? 'vat_collected' : 'vat_pending';
  for (const [rate, cents] of [...vat].sort(([a], [b]) => b - a)) {
    lines.push(line({ role: vatRole, vatRateBasisPoints: rate }, cents, false));
  }
  const book = options.invoiceBook;
  if (!invoice && book && !options.vatOnDebits && book.dueCents === document.totalInclVatCents) {
    const rates = [...new Set([...book.pendingVatCents.keys(), ...vat.keys()])].sort(
      (a, b) => b - a,
    );
    const left = rates.map((rate) => ({
      vatRateBasisPoints: rate,
      cents: (book.pendingVatCents.get(rate) ?? 0) - (vat.get(rate) ?? 0),
    }));
    lines.push(
      ...vatLines(
        left.filter((share) => share.cents !== 0),
        label,
      ),
    );
  }
  return {
    journal: 'VT',
    sourceKey: salesSourceKey(document),
    date: document.issueDate,
    pieceRef: document.number,
    pieceDate: document.issueDate,
    lines,
  };
}

/** Where, when and under which reference money moved. */
export interface MoneyMovement {
  sourceKey: string;
  /** YYYY-MM-DD: the bank's booking date for bank entries, Stripe's date for Stripe's. */
  date: string;
  /** The statement line's reference, or the Stripe object's id. */
  pieceRef: string;
  amountCents: number;
  label: string;
}

/** Money moving between a member and the Chambre, against an invoice (or another lettering key). */
export interface CustomerMoney extends MoneyMovement {
  /** ST: the money sits with Stripe (467); BQ: it is in the bank (512). */
  journal: Extract<JournalCode, 'ST' | 'BQ'>;
  organisationId: string;
  /** The id of the invoice it settles, so the journal letters them together. */
  letteringKey: string;
}

/**
 * A payment of an invoice: Stripe (ST) or the bank (BQ) debited, the member's account credited,
 * and its share of the invoice's VAT moved from pending to collected (given the invoice's books
 * before it; none under the debits option, where nothing is pending).
 */
export function paymentEntry(payment: CustomerMoney, book: InvoiceBook): EntryDraft {
  return customerMoneyEntry(payment, payment.amountCents, vatShares(payment.amountCents, book));
}

/**
 * Money given back to a member: the member's account debited, Stripe (ST) or the bank (BQ)
 * credited, and the VAT of what is refunded moved back from collected to pending (a credit note
 * debited it from pending; the refund is what makes that reduction due).
 */
export function refundEntry(refund: CustomerMoney, book: InvoiceBook): EntryDraft {
  return customerMoneyEntry(refund, -refund.amountCents, vatShares(-refund.amountCents, book));
}

/**
 * Money received that settles no invoice, kept as the organisation's credit or paid too late
 * (then refunded): no VAT moves, since no invoice is pending.
 */
export function unappliedMoneyEntry(money: CustomerMoney): EntryDraft {
  return customerMoneyEntry(money, money.amountCents, []);
}

/** Money given back that settles no invoice (a late payment's refund). */
export function unappliedRefundEntry(refund: CustomerMoney): EntryDraft {
  return customerMoneyEntry(refund, -refund.amountCents, []);
}

function customerMoneyEntry(
  money: CustomerMoney,
  receivedCents: number,
  shares: VatShare[],
): EntryDraft {
  const cents = Math.abs(receivedCents);
  const received = receivedCents >= 0;
  const cash: AccountRef = { role: money.journal === 'ST' ? 'stripe' : 'bank' };
  const customer: EntryLineDraft = {
    account: { role: 'customers' },
    organisationId: money.organisationId,
    letteringKey: money.letteringKey,
    label: money.label,
    debitCents: received ? 0 : cents,
    creditCents: received ? cents : 0,
  };
  const cashLine: EntryLineDraft = {
    account: cash,
    label: money.label,
    debitCents: received ? cents : 0,
    creditCents: received ? 0 : cents,
  };
  return {
    journal: money.journal,
    sourceKey: money.sourceKey,
    date: money.date,
    pieceRef: money.pieceRef,
    pieceDate: money.date,
    lines: [
      ...(received ? [cashLine, customer] : [customer, cashLine]),
      ...vatLines(shares, money.label),
    ],
  };
}

/** Each share debits one VAT account of its rate and credits the other. */
function vatLines(shares: VatShare[], label: string): EntryLineDraft[] {
  return shares.flatMap(({ vatRateBasisPoints, cents }) => {
    const toCollected = cents > 0;
    const amount = Math.abs(cents);
    const pending: AccountRef = { role: 'vat_pending', vatRateBasisPoints };
    const collected: AccountRef = { role: 'vat_collected', vatRateBasisPoints };
    return [
      { account: toCollected ? pending : collected, label, debitCents: amount, creditCents: 0 },
      { account: toCollected ? collected : pending, label, debitCents: 0, creditCents: amount },
    ];
  });
}

/** ST: Stripe's fee on a payment, an expense (627) taken from the money Stripe holds (467). */
export function stripeFeeEntry(fee: MoneyMovement): EntryDraft {
  return transferEntry('ST', fee, { role: 'fees' }, { role: 'stripe' });
}

/** BQ: a Stripe payout, money moving from Stripe (467) to the bank (512). */
export function payoutEntry(payout: MoneyMovement): EntryDraft {
  return transferEntry('BQ', payout, { role: 'bank' }, { role: 'stripe' });
}

function transferEntry(
  journal: JournalCode,
  movement: MoneyMovement,
  debited: AccountRef,
  credited: AccountRef,
): EntryDraft {
  return {
    journal,
    sourceKey: movement.sourceKey,
    date: movement.date,
    pieceRef: movement.pieceRef,
    pieceDate: movement.date,
    lines: [
      { account: debited, label: movement.label, debitCents: movement.amountCents, creditCents: 0 },
      {
        account: credited,
        label: movement.label,
        debitCents: 0,
        creditCents: movement.amountCents,
      },
    ],
  };
}

/**
 * The counter-entry of an entry written by mistake (a payment reversed, an allocation undone):
 * the same lines on the other side, in the same journal, dated when the correction is made. The
 * entry itself stays; together they net to zero, so the lettering they belong to ends.
 */
export function counterEntry(
  original: EntryDraft,
  correction: { sourceKey: string; date: string; label: string },
): EntryDraft {
  return {
    journal: original.journal,
    sourceKey: correction.sourceKey,
    date: correction.date,
    pieceRef: original.pieceRef,
    pieceDate: correction.date,
    lines: original.lines.map((line) => ({
      ...line,
      label: correction.label,
      debitCents: line.creditCents,
      creditCents: line.debitCents,
    })),
  };
}

/**
 * OD at the fiscal year's closing date: the revenue of services invoiced in the year but
 * performed after it moves to deferred income (487, produits constatés d'avance, PCG 487), net
 * of the year's credit notes for them, by revenue account; the same entry is reversed on the
 * first day of the next year, when the revenue is earned. None when nothing is deferred.
 */
export function deferredIncomeEntries(
  year: number,
  sales: readonly (RevenueSource & {
    type: 'invoice' | 'credit_note';
    vatBreakdown: readonly SalesVatGroup[];
  })[],
): EntryDraft[] {
  const deferred = new Map<RevenueRole, number>();
  for (const sale of sales) {
    const sign = sale.type === 'invoice' ? 1 : -1;
    for (const group of sale.vatBreakdown) {
      const role = revenueRoleFor(group, sale);
      deferred.set(role, (deferred.get(role) ?? 0) + sign * group.taxableAmountCents);
    }
  }
  const amounts = REVENUE_ORDER.flatMap((role) => {
    const cents = deferred.get(role) ?? 0;
    return cents > 0 ? [{ role, cents }] : [];
  });
  if (amounts.length === 0) return [];
  const total = amounts.reduce((sum, amount) => sum + amount.cents, 0);
  const closing = `${year}-12-31`;
  const label = `Produits constatés d'avance ${year}`;
  const entry: EntryDraft = {
    journal: 'OD',
    sourceKey: `deferred-income:${year}`,
    date: closing,
    pieceRef: `PCA-${year}`,
    pieceDate: closing,
    lines: [
      ...amounts.map(({ role, cents }) => ({
        account: { role },
        label,
        debitCents: cents,
        creditCents: 0,
      })),
      { account: { role: 'deferred_income' }, label, debitCents: 0, creditCents: total },
    ],
  };
  return [
    entry,
    counterEntry(entry, {
      sourceKey: `deferred-income-reversal:${year}`,
      date: `${year + 1}-01-01`,
      label: `Extourne des produits constatés d'avance ${year}`,
    }),
  ];
}
