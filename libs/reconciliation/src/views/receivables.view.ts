import { DateTime } from 'luxon';

export const AGING_BUCKETS = ['notDue', 'days0to30', 'days31to60', 'days61to90', 'over90'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];
type Buckets = Record<AgingBucket, number>;

export interface OrganisationReceivable extends Buckets {
  organisationId: string;
  organisationName: string;
  totalDueCents: number;
  /** Money received beyond what was owed (overpayments), kept for the organisation. */
  creditCents: number;
  openInvoices: number;
}

export interface AgedReceivables {
  asOf: string;
  organisations: OrganisationReceivable[];
  totals: Buckets & { totalDueCents: number; creditCents: number };
}

export interface StatementLine {
  date: string;
  kind: 'invoice' | 'credit_note' | 'payment' | 'credit';
  reference: string;
  label: string;
  debitCents: number;
  creditCents: number;
  balanceCents: number;
}

/** Which column an amount due falls in, by whole days past its due date. */
/** An organisation's statement of account: its documents and money received, with the balance owed. */
export interface StatementOfAccount {
  organisationId: string;
  organisationName: string;
  lines: StatementLine[];
  balanceCents: number;
}

export function agingBucket(dueDate: string, asOf: string): AgingBucket {
  const late = DateTime.fromISO(asOf).diff(DateTime.fromISO(dueDate), 'days').days;
  if (late <= 0) return 'notDue';
  if (late <= 30) return 'days0to30';
  if (late <= 60) return 'days31to60';
  if (late <= 90) return 'days61to90';
  return 'over90';
}

export function emptyBuckets(): Buckets {
  return { notDue: 0, days0to30: 0, days31to60: 0, days61to90: 0, over90: 0 };
}
