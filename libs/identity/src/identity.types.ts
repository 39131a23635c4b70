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

/** `cancelled`: a member who left (its renewal cancelled by a credit note). */
export const MEMBERSHIP_STATUSES = ['pending', 'active', 'lapsed', 'cancelled'] as const;
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

/**
 * Whether an organisation of this legal form is usually liable to VAT (assujetti), the default
 * when it does not say. The organisation corrects it: the legal form is a presumption, the
 * activity decides. The database fills a row inserted without it by the same table
 * (organisation_default_vat_registered, migration VatRegisteredAndChorusStructure).
 * - association, fondation: no, a non-profit run disinterestedly whose activity is not
 *   commercial is outside VAT (CGI 261-7-1°); one with commercial activities says so.
 * - scop, scic, cooperative: yes, cooperatives are commercial companies (SA, SAS, SARL) or
 *   trade like them.
 * - mutuelle: yes, its insurance is an economic activity, exempt but within VAT (CGI 261 C):
 *   an assujetti, and from 2027 bound to receive e-invoices all the same.
 * - esus: yes, the ESUS approval (agrément) is mostly held by commercial companies.
 * - other: yes, the usual case of a company not among the forms above.
 * A public body is not, whatever its form: it buys training for its non-economic
 * administrative activity (CGI 256 B), and its invoices go through Chorus Pro anyway.
 */
export const VAT_REGISTERED_BY_LEGAL_FORM: Readonly<Record<LegalForm, boolean>> = {
  association: false,
  fondation: false,
  scop: true,
  scic: true,
  cooperative: true,
  mutuelle: true,
  esus: true,
  other: true,
};

export function defaultVatRegistered(legalForm: LegalForm, isPublicBody: boolean): boolean {
  return !isPublicBody && VAT_REGISTERED_BY_LEGAL_FORM[legalForm];
}

/** Chorus Pro's limits (numéro d'engagement: 50 characters, code service: 100). */
export const ENGAGEMENT_NUMBER_MAX_LENGTH = 50;
export const SERVICE_CODE_MAX_LENGTH = 100;

/**
 * Why a Chorus Pro reference (an engagement number or a service code) cannot be sent, or null:
 * it must be printable (no control or invisible characters), without spaces at either end, and
 * within Chorus Pro's length. The database holds the same rule.
 */
export function procurementReferenceProblem(value: string, maxLength: number): string | null {
  if (value.length === 0) return 'must not be empty';
  if ([...value].length > maxLength) return `must be at most ${maxLength} characters`;
  if (/\p{C}/u.test(value)) return 'must contain printable characters only';
  if (value !== value.trim()) return 'must not start or end with a space';
  return null;
}
