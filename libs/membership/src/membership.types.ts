/** The families of the fee grid (EN: the kinds of ESS organisations the Chambre groups fees by). */
export const MEMBER_FAMILIES = [
  'association',
  'cooperative',
  'mutual',
  'foundation',
  'commercial_ess',
  'federation',
] as const;
export type MemberFamily = (typeof MEMBER_FAMILIES)[number];

/** What a size bracket measures: employees, or the annual budget in cents. */
export const FEE_BASES = ['headcount', 'budget'] as const;
export type FeeBasis = (typeof FEE_BASES)[number];

/** Whether the Chambre's cotisations are outside the scope of VAT or taxable (its decision). */
export const COTISATION_VAT_TREATMENTS = ['out_of_scope', 'taxable'] as const;
export type CotisationVatTreatment = (typeof COTISATION_VAT_TREATMENTS)[number];

export const APPLICATION_STATUSES = ['pending', 'approved', 'refused', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** A first adhésion, or the renewal of an organisation that was already a member once. */
export const APPLICATION_KINDS = ['join', 'renewal'] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];
