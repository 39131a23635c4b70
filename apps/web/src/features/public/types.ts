import type { components } from '../../api/schema';

/** The public pages' view of the api's answers (generated from its OpenAPI document). */
export type Category = components['schemas']['CategoryDto'];
export type OfferingSummary = components['schemas']['OfferingSummaryDto'];
export type Price = components['schemas']['PriceDto'];
export type Session = components['schemas']['SessionDto'];
export type CancellationPolicy = components['schemas']['CancellationPolicyDto'];
export type CreateOrganisationBody = components['schemas']['CreateOrganisationDto'];
/**
 * A PATCH leaves out what it does not change. The generated type makes isPublicBody required
 * (the creation's default: false leaks into the partial DTO); only the Chambre sends it.
 */
export type UpdateOrganisationBody = Omit<
  components['schemas']['UpdateOrganisationDto'],
  'isPublicBody'
> & { isPublicBody?: boolean };
export type Organisation = components['schemas']['OrganisationDto'];
export type LegalForm = CreateOrganisationBody['legalForm'];
export type MembershipSummary = components['schemas']['MembershipSummaryDto'];
export type Invite = components['schemas']['InviteDto'];
export type NotificationPreferences = components['schemas']['NotificationPreferencesDto'];
export type Registration = components['schemas']['RegisterDto'];
