import { Injectable } from '@nestjs/common';
import { Actor } from '@mutualis/identity';
import { CatalogueErrorCode, CatalogueException } from '../../catalogue.exception';
import { TrainingSessionRepository } from '../../repositories/training-session.repository';
import { OfferingAccessService } from '../../services/offering-access.service';
import { PricingService } from '../../services/pricing.service';
import { presentSession, SessionView } from '../../views/offering.view';

/**
 * An offering's sessions with exact seats left and the caller's price on each date. Visitors
 * see upcoming scheduled ones; the consultant and admins see every one, with the remote link.
 */
@Injectable()
export class ListSessionsUseCase {
  constructor(
    private readonly access: OfferingAccessService,
    private readonly sessions: TrainingSessionRepository,
    private readonly pricing: PricingService,
  ) {}

  async execute(
    actor: Actor | null,
    offeringId: string,
    organisationId?: string,
  ): Promise<SessionView[]> {
    const offering = await this.access.getVisible(actor, offeringId);
    if (offering.kind !== 'training') {
      throw new CatalogueException(
        CatalogueErrorCode.WrongOfferingKind,
        'consultations have slots, not sessions',
      );
    }
    const manager = this.access.canSeeUnpublished(actor, offering);
    const [sessions, pricing] = await Promise.all([
      this.sessions.listForOffering(offering.id, { upcomingOnly: !manager }),
      this.pricing.contextFor(actor, organisationId),
    ]);
    return sessions.map((session) =>
      presentSession(session, this.pricing.priceOn(offering, session.startsAt, pricing), manager),
    );
  }
}
