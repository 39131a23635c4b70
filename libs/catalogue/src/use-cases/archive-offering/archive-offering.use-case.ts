import { Injectable } from '@nestjs/common';
import { Actor } from '@mutualis/identity';
import { OfferingModerationService } from '../../services/offering-moderation.service';
import type { ManagedOfferingView } from '../update-offering/update-offering.use-case';

/** Its consultant or an admin archives an offering in any status: it leaves the catalogue. */
@Injectable()
export class ArchiveOfferingUseCase {
  constructor(private readonly moderation: OfferingModerationService) {}

  execute(actor: Actor, offeringId: string): Promise<ManagedOfferingView> {
    return this.moderation.transition(actor, offeringId, 'archive', () => ({
      archivedAt: new Date(),
    }));
  }
}
