import type { components } from '../../../api/schema';

/** The membership (adhésion) resources, as the api's OpenAPI document describes them. */

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

export type FeeRate = components['schemas']['FeeRateDto'];
/** The body of PUT /api/membership/fee-schedules/:year. */
export type FeeScheduleInput = components['schemas']['FeeScheduleBodyDto'];
/** GET /api/membership/fee-schedules/:year: the body plus `year`, `vatMention`, `updatedAt`. */
export type FeeSchedule = components['schemas']['FeeScheduleDto'];
/** GET /api/membership/charter */
export type Charter = components['schemas']['CharterDto'];
/** The body of POST /api/organisations/:id/membership-applications. */
export type ApplicationInput = components['schemas']['ApplicationBodyDto'];
export type MembershipApplication = components['schemas']['ApplicationDto'];
/** One row of GET /api/organisations/:id/membership-years. */
export type MembershipYear = components['schemas']['MembershipYearDto'];

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
