import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, FieldProblem, OutboxService } from '@mutualis/core';
import { Actor } from '@mutualis/identity';
import { CatalogueEvents, SessionRescheduledPayload } from '../../catalogue.events';
import { CatalogueErrorCode, CatalogueException } from '../../catalogue.exception';
import { Offering } from '../../entities/offering.entity';
import { TrainingSession } from '../../entities/training-session.entity';
import { TrainingSessionRepository } from '../../repositories/training-session.repository';
import { OfferingAccessService } from '../../services/offering-access.service';
import { sessionNotFound } from '../cancel-session/cancel-session.use-case';

/** Left out: unchanged. `location`/`remoteUrl` null: none (as the delivery mode allows). */
export interface RescheduleSessionCommand {
  actor: Actor;
  sessionId: string;
  startsAt?: Date;
  endsAt?: Date;
  location?: string | null;
  remoteUrl?: string | null;
}

export interface RescheduledSession {
  session: TrainingSession;
  offering: Offering;
  /** Empty when nothing changed (no event then). */
  changed: ('dates' | 'place')[];
}

/**
 * Its consultant or an admin moves a scheduled session that has not begun, or changes its place
 * or remote link. Runs in the caller's transaction (booking moves its bookings' dates in the same
 * one) and announces `session.rescheduled`, on which the trainees' convocations are made again.
 * A registration deadline after the new start is brought back to it.
 */
@Injectable()
export class RescheduleSessionUseCase {
  constructor(
    private readonly access: OfferingAccessService,
    private readonly sessions: TrainingSessionRepository,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async within(
    manager: EntityManager,
    command: RescheduleSessionCommand,
  ): Promise<RescheduledSession> {
    const locked = await this.sessions.lockWithOffering(command.sessionId, manager);
    if (!locked) throw sessionNotFound();
    const offering = await this.access
      .getManaged(command.actor, locked.offering.id, manager, { adminMay: true })
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
    const { session } = locked;
    const now = this.clock.now();
    if (session.status !== 'scheduled' || session.startsAt <= now) {
      throw new CatalogueException(
        CatalogueErrorCode.SessionNotReschedulable,
        session.status === 'scheduled'
          ? 'this session has begun and can no longer be moved'
          : `this session is ${session.status} and can no longer be moved`,
      );
    }
    const next = {
      startsAt: command.startsAt ?? session.startsAt,
      endsAt: command.endsAt ?? session.endsAt,
      location:
        command.location === undefined ? session.location : command.location?.trim() || null,
      remoteUrl:
        command.remoteUrl === undefined ? session.remoteUrl : command.remoteUrl?.trim() || null,
    };
    assertValid(next, offering, now, command);
    const changed: RescheduledSession['changed'] = [];
    if (
      next.startsAt.getTime() !== session.startsAt.getTime() ||
      next.endsAt.getTime() !== session.endsAt.getTime()
    ) {
      changed.push('dates');
    }
    if (next.location !== session.location || next.remoteUrl !== session.remoteUrl) {
      changed.push('place');
    }
    if (changed.length === 0) return { session, offering, changed };
    const updated = await this.sessions.reschedule(
      session.id,
      {
        ...next,
        registrationDeadline:
          session.registrationDeadline > next.startsAt
            ? next.startsAt
            : session.registrationDeadline,
      },
      manager,
    );
    await this.outbox.record(manager, {
      type: CatalogueEvents.SessionRescheduled,
      aggregateType: 'session',
      aggregateId: session.id,
      payload: {
        offeringId: offering.id,
        rescheduledBy: command.actor.userId,
        datesChanged: changed.includes('dates'),
        placeChanged: changed.includes('place'),
        previousStartsAt: session.startsAt.toISOString(),
        previousEndsAt: session.endsAt.toISOString(),
        previousLocation: session.location,
        previousRemoteUrl: session.remoteUrl,
      } satisfies SessionRescheduledPayload,
    });
    return { session: updated, offering, changed };
  }
}

function assertValid(
  next: { startsAt: Date; endsAt: Date; location: string | null; remoteUrl: string | null },
  offering: Offering,
  now: Date,
  command: RescheduleSessionCommand,
): void {
  const problems: FieldProblem[] = [];
  if (command.startsAt && next.startsAt <= now) {
    problems.push({ field: 'startsAt', message: 'must be in the future' });
  }
  if (next.endsAt <= next.startsAt) {
    problems.push({
      field: command.endsAt ? 'endsAt' : 'startsAt',
      message: command.endsAt ? 'must be after startsAt' : 'must be before the session’s end',
    });
  }
  if (offering.deliveryMode !== 'remote' && !next.location) {
    problems.push({
      field: 'location',
      message: `is required for an ${offering.deliveryMode} offering`,
    });
  }
  if (offering.deliveryMode !== 'on_site' && !next.remoteUrl) {
    problems.push({
      field: 'remoteUrl',
      message: `is required for a ${offering.deliveryMode} offering`,
    });
  }
  if (problems.length > 0) {
    throw new CatalogueException(
      CatalogueErrorCode.InvalidSession,
      problems.map((problem) => `${problem.field} ${problem.message}`).join('; '),
      problems,
    );
  }
}
