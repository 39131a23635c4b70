/**
 * The membership (adhésion) resources as the api answers them (BRIEF-20's shapes). Written by
 * hand while the membership routes are not in apps/web/src/api/schema.d.ts yet: after the
 * merge, `npm run web:client` regenerates the schema and these become
 * `components['schemas']['…Dto']` aliases, like features/member/types.ts.
 */

export const MEMBER_FAMILIES = [
  'association',
  'cooperative',
  'mutual',
  'foundation',
  'commercial_ess',
  'federation',
] as const;
export type MemberFamily = (typeof MEMBER_FAMILIES)[number];

export const FEE_BASES = ['headcount', 'budget'] as const;
export type FeeBasis = (typeof FEE_BASES)[number];

export type CotisationVatTreatment = 'out_of_scope' | 'taxable';

/** identity's yearly status; `cancelled`: a member who left (its invoice credited). */
export type YearStatus = 'pending' | 'active' | 'lapsed' | 'cancelled';

export type ApplicationStatus = 'pending' | 'approved' | 'refused' | 'withdrawn';

export interface FeeRate {
  family: MemberFamily;
  basis: FeeBasis;
  /** Employees, or budget cents; included. */
  lowerBound: number;
  /** Excluded; null: no upper bound. */
  upperBound: number | null;
  amountCents: number;
}

/** The body of PUT /api/membership/fee-schedules/:year. */
export interface FeeScheduleInput {
  vatTreatment: CotisationVatTreatment;
  firstYearFeeCents: number | null;
  /** YYYY-MM-DD */
  prorataFrom: string | null;
  /** YYYY-MM-DD */
  graceUntil: string | null;
  reminderDays: number[];
  finalNoticeDays: number;
  publicBodiesActiveOnApproval: boolean;
  rates: FeeRate[];
}

/** GET /api/membership/fee-schedules/:year */
export interface FeeSchedule extends FeeScheduleInput {
  year: number;
  /** The legal mention printed on the year's membership invoices. */
  vatMention: string;
}

/** GET /api/membership/charter */
export interface Charter {
  id: string;
  version: number;
  title: string;
  body: string;
  publishedAt: string;
}

/** The body of POST /api/organisations/:id/membership-applications. */
export interface ApplicationInput {
  year: number;
  family: MemberFamily;
  headcount?: number;
  annualBudgetCents?: number;
  contactName: string;
  contactEmail: string;
  charterVersion: number;
  acceptCharter: true;
}

export interface MembershipApplication {
  id: string;
  organisationId: string;
  organisationName: string;
  year: number;
  kind: 'join' | 'renewal';
  family: MemberFamily;
  headcount: number | null;
  annualBudgetCents: number | null;
  contactName: string;
  contactEmail: string;
  charterVersion: number;
  status: ApplicationStatus;
  refusalReason: string | null;
  feeCents: number | null;
  invoiceId: string | null;
  createdAt: string;
  decidedAt: string | null;
}

/** One row of GET /api/organisations/:id/membership-years. */
export interface MembershipYear {
  year: number;
  status: YearStatus;
  feeCents: number;
  invoice: { id: string; number: string | null; status: string; amountDueCents: number } | null;
  certificateAvailable: boolean;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
