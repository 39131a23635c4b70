import { Injectable } from '@nestjs/common';
import { Actor } from '@mutualis/identity';
import { OfferingModerationService } from '../../services/offering-moderation.service';
import type { ManagedOfferingView } from '../update-offering/update-offering.use-case';

/** Its consultant submits a draft (or rejected) offering for the Chambre's review. */
@Injectable()
export class SubmitOfferingUseCase {
  constructor(private readonly moderation: OfferingModerationService) {}

  execute(actor: Actor, offeringId: string): Promise<ManagedOfferingView> {
    return this.moderation.transition(actor, offeringId, 'submit', () => ({
      submittedAt: new Date(),
    }));
  }
}
