import type { components } from '../../api/schema';

/** The consultant pages' view of the api's answers (generated from its OpenAPI document). */
export type Offering = components['schemas']['OfferingDto'];
export type OfferingDetail = components['schemas']['OfferingDetailDto'];
export type OfferingInput = components['schemas']['CreateOfferingDto'];
export type OfferingKind = OfferingInput['kind'];
export type DeliveryMode = OfferingInput['deliveryMode'];
/** The VAT regime: the Chambre's decision, shown to the consultant, never sent by them. */
export type VatTreatment = Offering['vatTreatment'];
export type Revision = components['schemas']['OfferingRevisionDto'];
/** The fields a revision may change, which moderation reviews. */
export type ModeratedField = Revision['changedFields'][number];
export type Session = components['schemas']['SessionDto'];
export type SessionInput = components['schemas']['ScheduleSessionDto'];
export type Slot = components['schemas']['SlotDto'];
export type WeeklyPattern = components['schemas']['WeeklyPatternDto'];
export type AttendeeEntry = components['schemas']['AttendeeListEntryDto'];
export type Attendance = NonNullable<AttendeeEntry['attendance']>;
export type AttendanceMark = components['schemas']['AttendanceMarkDto'];
export type Profile = components['schemas']['ConsultantProfileDto'];
/** An offering as its owner sees it after a change (with its pending revision). */
export type ManagedOffering = components['schemas']['ManagedOfferingDto'];
export type SessionCancellation = components['schemas']['SessionCancellationDto'];
export type AttendanceResult = components['schemas']['AttendanceResultDto'];
export type ProfileInput = components['schemas']['UpdateConsultantProfileDto'];
