import { Injectable } from '@nestjs/common';
import { Actor } from '@mutualis/identity';
import { OfferingModerationService } from '../../services/offering-moderation.service';
import type { ManagedOfferingView } from '../update-offering/update-offering.use-case';

/** An admin rejects a submitted offering, or the revision awaiting review of a published one, saying why. */
@Injectable()
export class RejectOfferingUseCase {
  constructor(private readonly moderation: OfferingModerationService) {}

  execute(actor: Actor, offeringId: string, reason: string): Promise<ManagedOfferingView> {
    return this.moderation.transition(
      actor,
      offeringId,
      'reject',
      () => ({ rejectionReason: reason.trim() }),
      reason,
    );
  }
}
