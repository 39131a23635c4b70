import { Offering } from '../entities/offering.entity';
import { OfferingRevision, OfferingRevisionStatus } from '../entities/offering-revision.entity';
import type { VatTreatment } from '../vat-regimes';
import { samePedagogy, TrainingPedagogy } from '../training-pedagogy';

/**
 * The fields of a published offering that only go live once the Chambre approves them: what
 * members read (wording, links in the description) and what they pay, prices and VAT regime.
 * The consultant proposes the first ones; the VAT regime is proposed by the Chambre's finance
 * or admins (PUT /offerings/:id/vat-treatment). Every other field stays immediate.
 */
export const MODERATED_FIELDS = [
  'title',
  'summary',
  'description',
  'memberPriceCents',
  'nonMemberPriceCents',
  'vatTreatment',
  'pedagogy',
] as const;

export type ModeratedField = (typeof MODERATED_FIELDS)[number];

export interface OfferingRevisionView {
  id: string;
  offeringId: string;
  status: OfferingRevisionStatus;
  title: string;
  summary: string;
  description: string;
  memberPriceCents: number;
  nonMemberPriceCents: number;
  /** The VAT regime proposed; null on revisions reviewed before regimes were moderated. */
  vatTreatment: VatTreatment | null;
  /** A training's pedagogical content proposed; null on revisions made before it existed. */
  pedagogy: TrainingPedagogy | null;
  /** The moderated fields whose proposed value differs from the live offering's. */
  changedFields: ModeratedField[];
  proposedBy: string;
  reviewedAt: string | null;
  rejectionReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export function changedFields(
  live: Pick<Offering, ModeratedField>,
  proposed: Omit<Pick<Offering, ModeratedField>, 'vatTreatment'> & {
    vatTreatment: VatTreatment | null;
  },
): ModeratedField[] {
  return MODERATED_FIELDS.filter((field) => {
    if (field === 'pedagogy') {
      return proposed.pedagogy !== null && !samePedagogy(live.pedagogy, proposed.pedagogy);
    }
    return proposed[field] !== null && live[field] !== proposed[field];
  });
}

export function presentRevision(revision: OfferingRevision, live: Offering): OfferingRevisionView {
  return {
    id: revision.id,
    offeringId: revision.offeringId,
    status: revision.status,
    title: revision.title,
    summary: revision.summary,
    description: revision.description,
    memberPriceCents: revision.memberPriceCents,
    nonMemberPriceCents: revision.nonMemberPriceCents,
    vatTreatment: revision.vatTreatment,
    pedagogy: revision.pedagogy,
    changedFields: changedFields(live, revision),
    proposedBy: revision.proposedBy,
    reviewedAt: revision.reviewedAt?.toISOString() ?? null,
    rejectionReason: revision.rejectionReason,
    createdAt: revision.createdAt.toISOString(),
    updatedAt: revision.updatedAt.toISOString(),
  };
}

/** What the offering's consultant and the Chambre's admins see of its revisions. */
export interface RevisionState {
  /** The proposed changes awaiting review; the offering above is what is live. */
  pendingRevision: OfferingRevisionView | null;
  /** The latest proposal, when it was rejected and nothing newer awaits review. */
  rejectedRevision: OfferingRevisionView | null;
}
