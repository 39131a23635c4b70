import type { components } from '../../api/schema';

/** The admin pages' view of the api's answers (generated from its OpenAPI document). */
export type User = components['schemas']['UserDto'];
export type PlatformRole = User['roles'][number];
export type Membership = components['schemas']['MembershipDto'];
export type MembershipStatus = Membership['status'];
export type SetMembership = components['schemas']['SetMembershipDto'];
export type ModeratedOffering = components['schemas']['OfferingDto'];
export type PendingRevision = components['schemas']['PendingRevisionDto'];
export type VatTreatment = components['schemas']['SetVatTreatmentDto']['vatTreatment'];
export type Delivery = components['schemas']['DeliveryDto'];
export type DeliveryStatus = Delivery['status'];
export type AuditLogEntry = components['schemas']['AuditLogEntryDto'];
export type ManagedOffering = components['schemas']['ManagedOfferingDto'];
export type Chambre = components['schemas']['ChambreDto'];
export type ChambreSettings = components['schemas']['ChambreSettingsDto'];
