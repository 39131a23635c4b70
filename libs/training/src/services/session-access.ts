import { Injectable } from '@nestjs/common';
import { CatalogueFactsService, OfferingAccessService, SessionFacts } from '@mutualis/catalogue';
import { Actor } from '@mutualis/identity';
import { TrainingErrorCode, TrainingException } from '../training.exception';

export function sessionNotFound(): TrainingException {
  return new TrainingException(TrainingErrorCode.SessionNotFound, 'session not found');
}

/**
 * Who runs a session's attendance: the consultant who owns its offering, and the Chambre's
 * admins. Anyone else (another consultant, a member) gets « not found », never its trainees.
 */
@Injectable()
export class TrainingSessionAccess {
  constructor(
    private readonly catalogue: CatalogueFactsService,
    private readonly offerings: OfferingAccessService,
  ) {}

  async assertCanRun(actor: Actor, sessionId: string): Promise<SessionFacts> {
    const session = await this.catalogue.session(sessionId);
    if (!session) throw sessionNotFound();
    await this.offerings.getManagedForReading(actor, session.offeringId).catch(() => {
      throw sessionNotFound();
    });
    return session;
  }
}
