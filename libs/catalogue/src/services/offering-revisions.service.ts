import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Offering } from '../entities/offering.entity';
import { OfferingRevisionRepository } from '../repositories/offering-revision.repository';
import { presentRevision, RevisionState } from '../views/offering-revision.view';

/** Reads an offering's revisions for the people who manage it. */
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
}
