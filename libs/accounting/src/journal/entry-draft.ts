/**
 * What a posting rule hands to the journal: one accounting entry, balanced, before the journal
 * gives it a period, a number and a validation date. Posting rules name accounts by their role
 * in the Chambre's chart (`AccountRole`); the journal resolves each role to the account number
 * the Chambre configured, and stores the number, so an entry never changes with the chart.
 */

/** VT sales, BQ bank, ST Stripe (the 467/627 side of card and SEPA money), OD miscellaneous. */
export type JournalCode = 'VT' | 'BQ' | 'ST' | 'OD';

export const JOURNAL_LABELS: Record<JournalCode, string> = {
  VT: 'Ventes',
  BQ: 'Banque',
  ST: 'Stripe',
  OD: 'Opérations diverses',
};

/**
 * The roles an account plays in the Chambre's books. Revenue is split by VAT regime, VAT by
 * rate and by whether it is due yet (on services VAT is due on payment, CGI 269-2-c, unless the
 * Chambre opted for the debits).
 */
export type AccountRole =
  | 'customers' // 411, one auxiliary account per organisation
  | 'revenue_taxable' // 7061
  | 'revenue_exempt_training' // 7062
  | 'revenue_other' // 7063: other exemptions, out of scope
  | 'revenue_membership' // 756: cotisations (membership invoices and their credit notes)
  | 'vat_pending' // 44574x, per rate: VAT invoiced, due when paid
  | 'vat_collected' // 44571x, per rate: VAT due
  | 'bank' // 512
  | 'stripe' // 467: money held by Stripe until its payout
  | 'fees' // 627
  | 'deferred_income'; // 487: services performed after the closing date

/** An account by its role; VAT roles also name their rate (2000 for 20 %). */
export type AccountRef =
  | { role: Exclude<AccountRole, 'vat_pending' | 'vat_collected'> }
  | { role: 'vat_pending' | 'vat_collected'; vatRateBasisPoints: number };

export interface EntryLineDraft {
  account: AccountRef;
  /** Required on `customers` lines: the organisation's own account. */
  organisationId?: string;
  label: string;
  /** Exactly one of debit and credit is positive; whole cents. */
  debitCents: number;
  creditCents: number;
  /**
   * On `customers` lines: what the line settles, the id of the invoice it belongs to (a credit
   * note and a payment carry the id of the invoice they settle). When the lines sharing a key
   * net to zero they are lettered together; when they stop netting to zero the lettering ends.
   */
  letteringKey?: string;
}

export interface EntryDraft {
  journal: JournalCode;
  /**
   * What the entry records, unique across the journal (`invoice:<id>`, `payment:<id>`,
   * `payment-reversal:<id>`, `stripe-fee:<payment>`, `payout:<id>`, … — the posting rules' keys
   * are listed in docs/accounting-posting.md): posting the same source twice writes one entry,
   * so a redelivered event cannot post twice.
   */
  sourceKey: string;
  /**
   * EcritureDate, YYYY-MM-DD: when the event happened in the books (the bank's booking date for
   * bank entries). An entry dated in a closed period is written on the first day of the next
   * open one; the piece date keeps the original date.
   */
  date: string;
  /** PieceRef: the invoice number, the statement line's reference, the Stripe object id. */
  pieceRef: string;
  /** PieceDate, YYYY-MM-DD. */
  pieceDate: string;
  lines: EntryLineDraft[];
}
