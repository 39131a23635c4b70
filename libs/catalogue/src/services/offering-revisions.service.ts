import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Offering } from '../entities/offering.entity';
import { OfferingRevision } from '../entities/offering-revision.entity';
import {
  OfferingRevisionRepository,
  RevisionContent,
} from '../repositories/offering-revision.repository';
import { changedFields, presentRevision, RevisionState } from '../views/offering-revision.view';

/** Reads an offering's revisions for the people who manage it, and opens or amends them. */
@Injectable()
export class OfferingRevisionsService {
  constructor(private readonly revisions: OfferingRevisionRepository) {}

  async stateOf(offering: Offering, manager?: EntityManager): Promise<RevisionState> {
    const pending = await this.revisions.findPending(offering.id, manager);
    const rejected = pending ? null : await this.revisions.latestIfRejected(offering.id, manager);
    return {
      pendingRevision: pending ? presentRevision(pending, offering) : null,
      rejectedRevision: rejected ? presentRevision(rejected, offering) : null,
    };
  }

  /**
   * Proposes changes to a published offering's moderated fields, in the caller's transaction
   * under the offering's lock. A second proposal amends what already awaits review rather than
   * starting over from the live version; one that brings everything back to the live version
   * withdraws it. `proposedBy` becomes the author of the latest change.
   */
  async propose(
    offering: Offering,
    proposed: Partial<RevisionContent>,
    proposedBy: string,
    manager: EntityManager,
  ): Promise<RevisionContent> {
    const pending = await this.revisions.findPending(offering.id, manager);
    const content = contentOf(offering, pending, proposed);
    if (Object.keys(proposed).length === 0) return content;
    if (changedFields(offering, content).length === 0) {
      // Back to what is live: nothing left to review.
      if (pending) await this.revisions.update(pending.id, { status: 'withdrawn' }, manager);
    } else if (pending) {
      await this.revisions.update(pending.id, { ...content, proposedBy }, manager);
    } else {
      await this.revisions.create(offering.id, proposedBy, content, manager);
    }
    return content;
  }

  /** The version that would await review once `proposed` amends what awaits already. */
  async proposedContent(
    offering: Offering,
    proposed: Partial<RevisionContent>,
    manager: EntityManager,
  ): Promise<RevisionContent> {
    return contentOf(offering, await this.revisions.findPending(offering.id, manager), proposed);
  }
}

function contentOf(
  offering: Offering,
  pending: OfferingRevision | null,
  proposed: Partial<RevisionContent>,
): RevisionContent {
  const base = pending ?? offering;
  return {
    title: base.title,
    summary: base.summary,
    description: base.description,
    memberPriceCents: base.memberPriceCents,
    nonMemberPriceCents: base.nonMemberPriceCents,
    vatTreatment: pending?.vatTreatment ?? offering.vatTreatment,
    pedagogy: pending?.pedagogy ?? offering.pedagogy,
    ...proposed,
  };
}
