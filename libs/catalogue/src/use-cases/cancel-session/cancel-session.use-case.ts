import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxService } from '@mutualis/core';
import { Actor } from '@mutualis/identity';
import { CatalogueErrorCode, CatalogueException } from '../../catalogue.exception';
import { Offering } from '../../entities/offering.entity';
import { TrainingSession } from '../../entities/training-session.entity';
import { TrainingSessionRepository } from '../../repositories/training-session.repository';
import { OfferingAccessService } from '../../services/offering-access.service';
import { CatalogueEvents } from '../../catalogue.events';

export interface CancelledSession {
  session: TrainingSession;
  offering: Offering;
}

/**
 * The consultant or an admin cancels a scheduled session. It runs inside the caller's
 * transaction: the booking context cancels every booking on it in the same one.
 */
@Injectable()
export class CancelSessionUseCase {
  constructor(
    private readonly access: OfferingAccessService,
    private readonly sessions: TrainingSessionRepository,
    private readonly outbox: OutboxService,
  ) {}

  async within(
    manager: EntityManager,
    actor: Actor,
    sessionId: string,
    reason: string | null,
  ): Promise<CancelledSession> {
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
    await this.outbox.record(manager, {
      type: CatalogueEvents.SessionCancelled,
      aggregateType: 'session',
      aggregateId: found.id,
      payload: { offeringId: offering.id, cancelledBy: actor.userId },
    });
    return { session: (await this.sessions.findById(found.id, manager))!, offering };
  }
}

export function sessionNotFound(): CatalogueException {
  return new CatalogueException(CatalogueErrorCode.SessionNotFound, 'session not found');
}
