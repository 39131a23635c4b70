import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, FieldProblem } from '@mutualis/core';
import { Actor } from '@mutualis/identity';
import { CatalogueErrorCode, CatalogueException } from '../../catalogue.exception';
import { TrainingSessionRepository } from '../../repositories/training-session.repository';
import { OfferingAccessService } from '../../services/offering-access.service';
import { ANONYMOUS_PRICING, PricingService } from '../../services/pricing.service';
import { presentSession, SessionView } from '../../views/offering.view';

export interface ScheduleSessionCommand {
  actor: Actor;
  offeringId: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  location?: string | null;
  remoteUrl?: string | null;
  /** Defaults to a day before the start (or the start itself when that is already past). */
  registrationDeadline?: Date;
}

const DAY_MS = 86_400_000;

/** The consultant (or an admin) schedules a session of a training offering. */
@Injectable()
export class ScheduleSessionUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: OfferingAccessService,
    private readonly sessions: TrainingSessionRepository,
    private readonly pricing: PricingService,
    private readonly clock: Clock,
  ) {}

  async execute(command: ScheduleSessionCommand): Promise<SessionView> {
    const session = await this.dataSource.transaction(async (manager) => {
      const offering = await this.access.getManaged(command.actor, command.offeringId, manager, {
        adminMay: true,
      });
      if (offering.kind !== 'training') {
        throw new CatalogueException(
          CatalogueErrorCode.WrongOfferingKind,
          'consultations have slots, not sessions: use POST /offerings/{id}/slots',
        );
      }
      if (offering.status === 'archived') {
        throw new CatalogueException(
          CatalogueErrorCode.OfferingNotEditable,
          'an archived offering gets no new session',
        );
      }
      const now = this.clock.now();
      const deadline =
        command.registrationDeadline ??
        (command.startsAt.getTime() - DAY_MS > now.getTime()
          ? new Date(command.startsAt.getTime() - DAY_MS)
          : command.startsAt);
      const location = command.location?.trim() || null;
      const remoteUrl = command.remoteUrl?.trim() || null;
      const problems: FieldProblem[] = [];
      if (command.startsAt <= now)
        problems.push({ field: 'startsAt', message: 'must be in the future' });
      if (command.endsAt <= command.startsAt)
        problems.push({ field: 'endsAt', message: 'must be after startsAt' });
      if (deadline > command.startsAt)
        problems.push({ field: 'registrationDeadline', message: 'must not be after startsAt' });
      if (offering.deliveryMode !== 'remote' && !location) {
        problems.push({
          field: 'location',
          message: `is required for an ${offering.deliveryMode} offering`,
        });
      }
      if (offering.deliveryMode !== 'on_site' && !remoteUrl) {
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
      return this.sessions.create(
        {
          offeringId: offering.id,
          startsAt: command.startsAt,
          endsAt: command.endsAt,
          registrationDeadline: deadline,
          capacity: command.capacity,
          location,
          remoteUrl,
        },
        manager,
      );
    });
    const offering = await this.access.getVisible(command.actor, command.offeringId);
    return presentSession(
      session,
      this.pricing.priceOn(offering, session.startsAt, ANONYMOUS_PRICING),
      true,
    );
  }
}
