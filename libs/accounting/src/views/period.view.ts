import type { JournalCode } from '../journal/entry-draft';

/** A month of the books. */
export interface PeriodView {
  /** `YYYY-MM` */
  period: string;
  /** Closed: no entry may be dated in it any more (late ones go to the next open month). */
  status: 'open' | 'closed';
  /** When and by whom it was closed; null while open, and for months before the first closing. */
  closedAt: string | null;
  closedBy: string | null;
  entries: number;
  unvalidatedEntries: number;
  /** Sum of the entries' debits (= credits), in cents. */
  totalCents: number;
}

export interface PeriodsView {
  year: number;
  /** Every month up to this one (`YYYY-MM`) is closed; null before the first closing. */
  closedThrough: string | null;
  /** The only month that may close next; null when none is closed and the journal is empty. */
  nextToClose: string | null;
  periods: PeriodView[];
}

/** What a validation numbered in one journal and fiscal year. */
export interface NumberedRunView {
  journal: JournalCode;
  fiscalYear: number;
  count: number;
  firstNumber: string;
  lastNumber: string;
}

export interface ValidationView {
  period: string;
  /** ValidDate of the entries numbered now: today in Paris. */
  validatedOn: string;
  /** How many entries were numbered (0 when all were already). */
  entries: number;
  runs: NumberedRunView[];
}

export interface ClosingView {
  period: string;
  status: 'closed';
  closedAt: string;
  closedBy: string | null;
  /** The validation of what remained unvalidated up to the month's end. */
  validation: ValidationView;
}
