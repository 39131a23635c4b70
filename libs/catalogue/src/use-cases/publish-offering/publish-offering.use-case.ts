import { Injectable } from '@nestjs/common';
import { Actor } from '@mutualis/identity';
import { OfferingModerationService } from '../../services/offering-moderation.service';
import type { ManagedOfferingView } from '../update-offering/update-offering.use-case';

/** An admin publishes a submitted offering, or approves the revision awaiting review of a published one. */
@Injectable()
export class PublishOfferingUseCase {
  constructor(private readonly moderation: OfferingModerationService) {}

  execute(actor: Actor, offeringId: string): Promise<ManagedOfferingView> {
    return this.moderation.transition(actor, offeringId, 'publish', (offering) => ({
      publishedAt: offering.publishedAt ?? new Date(),
      rejectionReason: null,
    }));
  }
}
