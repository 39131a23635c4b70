import type { components } from '../../api/schema';

/** The public pages' view of the api's answers (generated from its OpenAPI document). */
export type Category = components['schemas']['CategoryDto'];
export type OfferingSummary = components['schemas']['OfferingSummaryDto'];
export type Price = components['schemas']['PriceDto'];
export type Session = components['schemas']['SessionDto'];
export type CancellationPolicy = components['schemas']['CancellationPolicyDto'];
export type CreateOrganisationBody = components['schemas']['CreateOrganisationDto'];
export type LegalForm = CreateOrganisationBody['legalForm'];
export type MembershipSummary = components['schemas']['MembershipSummaryDto'];
export type Invite = components['schemas']['InviteDto'];
export type NotificationPreferences = components['schemas']['NotificationPreferencesDto'];
export type Registration = components['schemas']['RegisterDto'];
