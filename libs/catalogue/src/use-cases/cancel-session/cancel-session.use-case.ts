import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '@mutualis/identity';
import { CatalogueErrorCode, CatalogueException } from '../../catalogue.exception';
import { TrainingSessionRepository } from '../../repositories/training-session.repository';
import { OfferingAccessService } from '../../services/offering-access.service';
import { ANONYMOUS_PRICING, PricingService } from '../../services/pricing.service';
import { presentSession, SessionView } from '../../views/offering.view';

/** The consultant or an admin cancels a scheduled session. */
@Injectable()
export class CancelSessionUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: OfferingAccessService,
    private readonly sessions: TrainingSessionRepository,
    private readonly pricing: PricingService,
  ) {}

  async execute(actor: Actor, sessionId: string, reason: string | null): Promise<SessionView> {
    const { session, offering } = await this.dataSource.transaction(async (manager) => {
      const found = await this.sessions.findById(sessionId, manager);
      if (!found) throw sessionNotFound();
      const offering = await this.access
        .getManaged(actor, found.offeringId, manager, { adminMay: true })
        .catch((error: unknown) => {
          // Whoever may not manage the session's offering learns nothing about the session either.
          if (
            error instanceof CatalogueException &&
            error.code === CatalogueErrorCode.OfferingNotFound
          ) {
            throw sessionNotFound();
          }
          throw error;
        });
      if (!(await this.sessions.cancel(found.id, reason?.trim() || null, manager))) {
        throw new CatalogueException(
          CatalogueErrorCode.SessionNotCancellable,
          `this session is ${found.status} and can no longer be cancelled`,
        );
      }
      return { session: (await this.sessions.findById(found.id, manager))!, offering };
    });
    return presentSession(
      session,
      this.pricing.priceOn(offering, session.startsAt, ANONYMOUS_PRICING),
      true,
    );
  }
}

export function sessionNotFound(): CatalogueException {
  return new CatalogueException(CatalogueErrorCode.SessionNotFound, 'session not found');
}
