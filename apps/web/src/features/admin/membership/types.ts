import type { components } from '../../../api/schema';

/** The admin's membership resources, as the api's OpenAPI document describes them. */
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
export type MemberStanding = components['schemas']['MembershipRollMemberDto']['status'];

/** One row of GET /api/membership/members. */
export type MemberRow = components['schemas']['MembershipRollMemberDto'];
export type Campaign = components['schemas']['CampaignDto'];
export type ImportLine = components['schemas']['MemberImportLineDto'];
export type ImportAction = ImportLine['action'];
/** POST /api/membership/imports?dryRun=true */
export type ImportReport = components['schemas']['MemberImportPreviewDto'];
/** POST /api/membership/imports (202) and GET /api/membership/imports/:id */
export type MemberImport = components['schemas']['MemberImportDto'];
