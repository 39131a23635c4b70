import { Category } from '../entities/category.entity';
import { Offering } from '../entities/offering.entity';
import { TrainingSession } from '../entities/training-session.entity';
import { ConsultationSlot } from '../entities/consultation-slot.entity';
import type {
  CancellationPolicy,
  DeliveryMode,
  OfferingKind,
  OfferingStatus,
  SessionStatus,
  VatTreatment,
} from '../catalogue.types';
import type { TrainingPedagogy } from '../training-pedagogy';
import { AppliedPrice } from '../services/pricing.service';

export interface OfferingView {
  id: string;
  title: string;
  summary: string;
  description: string;
  categorySlug: string;
  kind: OfferingKind;
  deliveryMode: DeliveryMode;
  departments: string[];
  durationMinutes: number;
  memberPriceCents: number;
  nonMemberPriceCents: number;
  currency: 'EUR';
  vatTreatment: VatTreatment;
  cancellationPolicy: CancellationPolicy;
  maxSeatsPerOrganisation: number | null;
  /** A training's R6353-1 content (objectives, programme…); null until written. */
  pedagogy: TrainingPedagogy | null;
  status: OfferingStatus;
  /** Shown to the consultant and admins only. */
  rejectionReason: string | null;
  consultantId: string;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SessionView {
  id: string;
  offeringId: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  seatsLeft: number;
  location: string | null;
  /** Null unless the caller may see it (owner, admin; later booked attendees). */
  remoteUrl: string | null;
  registrationDeadline: string;
  status: SessionStatus;
  /** What the caller would pay per seat on this date, excluding VAT. */
  price: AppliedPrice;
}

export interface SlotView {
  id: string;
  offeringId: string;
  startsAt: string;
  endsAt: string;
  status: ConsultationSlot['status'];
  price: AppliedPrice;
}

export function presentOffering(
  offering: Offering,
  category: Category,
  showPrivate: boolean,
): OfferingView {
  return {
    id: offering.id,
    title: offering.title,
    summary: offering.summary,
    description: offering.description,
    categorySlug: category.slug,
    kind: offering.kind,
    deliveryMode: offering.deliveryMode,
    departments: offering.departments,
    durationMinutes: offering.durationMinutes,
    memberPriceCents: offering.memberPriceCents,
    nonMemberPriceCents: offering.nonMemberPriceCents,
    currency: 'EUR',
    vatTreatment: offering.vatTreatment,
    cancellationPolicy: offering.cancellationPolicy,
    maxSeatsPerOrganisation: offering.maxSeatsPerOrganisation,
    pedagogy: offering.pedagogy,
    status: offering.status,
    rejectionReason: showPrivate ? offering.rejectionReason : null,
    consultantId: offering.consultantId,
    publishedAt: offering.publishedAt?.toISOString() ?? null,
    createdAt: offering.createdAt.toISOString(),
    updatedAt: offering.updatedAt.toISOString(),
  };
}

export function presentSession(
  session: TrainingSession,
  price: AppliedPrice,
  showRemoteUrl: boolean,
): SessionView {
  return {
    id: session.id,
    offeringId: session.offeringId,
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    capacity: session.capacity,
    seatsLeft: Math.max(0, session.capacity - session.seatsTaken),
    location: session.location,
    remoteUrl: showRemoteUrl ? session.remoteUrl : null,
    registrationDeadline: session.registrationDeadline.toISOString(),
    status: session.status,
    price,
  };
}

export function presentSlot(slot: ConsultationSlot, price: AppliedPrice): SlotView {
  return {
    id: slot.id,
    offeringId: slot.offeringId,
    startsAt: slot.startsAt.toISOString(),
    endsAt: slot.endsAt.toISOString(),
    status: slot.status,
    price,
  };
}
