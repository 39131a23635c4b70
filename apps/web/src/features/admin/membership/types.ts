/**
 * The admin's membership resources as the api answers them (BRIEF-20's shapes), written by hand
 * until `npm run web:client` picks the routes up after the i20 merge (then: schema aliases).
 */
export type {
  CotisationVatTreatment,
  FeeBasis,
  FeeRate,
  FeeSchedule,
  FeeScheduleInput,
  MemberFamily,
  MembershipApplication,
  MembershipYear,
  Page,
  YearStatus,
} from '../../member/membership/types';

export type MemberPaymentFilter = 'paid' | 'unpaid' | 'lapsed';
/** A member's standing in a year, as the members list says it. */
export type MemberStanding = 'paid' | 'unpaid' | 'lapsed' | 'cancelled';

/** One row of GET /api/membership/members. */
export interface MemberRow {
  organisationId: string;
  legalName: string;
  siret: string | null;
  rna: string | null;
  status: MemberStanding;
  feeCents: number;
  invoiceId: string | null;
  invoiceNumber: string | null;
  amountDueCents: number | null;
}

export interface Campaign {
  id: string;
  year: number;
  status: 'running' | 'completed';
  total: number;
  pending: number;
  issued: number;
  failed: number;
  skipped: number;
  launchedAt: string;
  completedAt: string | null;
  failures: { organisationId: string; legalName: string; error: string }[];
}

export type ImportAction = 'create' | 'update' | 'refuse';

export interface ImportLine {
  line: number;
  action: ImportAction;
  siret: string | null;
  rna: string | null;
  legalName: string | null;
  reasons: string[];
}

/** POST /api/membership/imports?dryRun=true */
export interface ImportReport {
  total: number;
  create: number;
  update: number;
  refuse: number;
  lines: ImportLine[];
}

/** POST /api/membership/imports (202) and GET /api/membership/imports/:id */
export interface MemberImport {
  id: string;
  fileName: string;
  status: 'running' | 'completed' | 'failed';
  /** Lines with data in the file. */
  total: number;
  /** Valid lines applied so far. */
  processed: number;
  created: number;
  updated: number;
  refused: number;
  refusedLines: Omit<ImportLine, 'action'>[];
  error: string | null;
  startedAt: string;
  completedAt: string | null;
}
