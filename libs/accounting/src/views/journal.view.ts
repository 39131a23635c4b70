import type { AccountRole, JournalCode } from '../journal/entry-draft';

export interface JournalSummaryView {
  code: JournalCode;
  label: string;
  entries: number;
  validatedEntries: number;
  debitCents: number;
  creditCents: number;
}

export interface EntryLineView {
  position: number;
  accountRole: AccountRole;
  /** The VAT rate of a VAT account, in basis points; null for other accounts. */
  vatRateBasisPoints: number | null;
  accountNumber: string;
  accountLabel: string;
  organisationId: string | null;
  auxiliaryNumber: string | null;
  auxiliaryLabel: string | null;
  label: string;
  debitCents: number;
  creditCents: number;
  letteringKey: string | null;
  /** The lettering that holds today (EcritureLet and DateLet), if any. */
  letteringCode: string | null;
  letteringDate: string | null;
}

export interface EntryView {
  id: string;
  journal: JournalCode;
  journalLabel: string;
  /** EcritureNum, given at validation; null before. */
  number: string | null;
  /** EcritureDate. */
  entryDate: string;
  /** The event's own date: earlier than entryDate when its month was closed. */
  eventDate: string;
  pieceRef: string;
  pieceDate: string;
  /** ValidDate; null before validation. */
  validatedOn: string | null;
  sourceKey: string;
  postedAt: string;
  totalCents: number;
  currency: 'EUR';
  lines: EntryLineView[];
}
