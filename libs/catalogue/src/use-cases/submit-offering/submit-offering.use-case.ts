import { Injectable } from '@nestjs/common';
import { Actor } from '@mutualis/identity';
import { OfferingModerationService } from '../../services/offering-moderation.service';
import type { ManagedOfferingView } from '../update-offering/update-offering.use-case';
import { assertCompletePedagogy } from '../create-offering/offering-rules';

/**
 * Its consultant submits a draft (or rejected) offering for the Chambre's review; a training only
 * with its complete pedagogical content (422 naming each missing field, nothing changed).
 */
@Injectable()
export class SubmitOfferingUseCase {
  constructor(private readonly moderation: OfferingModerationService) {}

  execute(actor: Actor, offeringId: string): Promise<ManagedOfferingView> {
    return this.moderation.transition(actor, offeringId, 'submit', (offering) => {
      assertCompletePedagogy(offering.kind, offering.pedagogy);
      return { submittedAt: new Date() };
    });
  }
}
