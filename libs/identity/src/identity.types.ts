export const LEGAL_FORMS = [
  'association',
  'scop',
  'scic',
  'cooperative',
  'mutuelle',
  'fondation',
  'esus',
  'other',
] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

export const PLATFORM_ROLES = ['admin', 'finance', 'consultant'] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

export const ORGANISATION_ROLES = ['org_admin', 'org_member'] as const;
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number];

export const MEMBERSHIP_STATUSES = ['pending', 'active', 'lapsed'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Who is acting: the authenticated user with their platform roles. */
export interface Actor {
  userId: string;
  roles: PlatformRole[];
}

export function hasRole(actor: Actor, ...roles: PlatformRole[]): boolean {
  return roles.some((role) => actor.roles.includes(role));
}
