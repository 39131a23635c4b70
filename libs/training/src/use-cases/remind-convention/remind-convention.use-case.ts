import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, OutboxService } from '@mutualis/core';
import { ConventionRepository } from '../../repositories/convention.repository';
import { TrainingConventionsService } from '../../services/training-conventions.service';
import { TrainingEvents } from '../../training.events';
import { CONVENTION_REMINDER_DAYS } from '../issue-convention/issue-convention.use-case';

const DAY_MS = 86_400_000;

/**
 * A reminder of an unsigned convention fell due: while it still applies (unsigned, booking
 * confirmed, session ahead) the next one is planned CONVENTION_REMINDER_DAYS later, as long as
 * that is before the session. The mail itself is the notifications' (same event, their queue).
 * Each reminder event plans at most one successor, so a replayed event plans nothing twice.
 */
@Injectable()
export class RemindConventionUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly conventions: ConventionRepository,
    private readonly state: TrainingConventionsService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async execute(
    bookingId: string,
    eventId: string,
  ): Promise<'next_planned' | 'already_planned' | 'last_reminder' | 'no_longer_due'> {
    const now = this.clock.now();
    const awaiting = await this.state.awaitsOrganisation(bookingId, now);
    if (!awaiting) return 'no_longer_due';
    const source = await this.conventions.source(bookingId);
    if (!source) return 'no_longer_due';
    return this.dataSource.transaction(async (manager) => {
      await this.conventions.lock(bookingId, manager);
      const next = new Date(now.getTime() + CONVENTION_REMINDER_DAYS * DAY_MS);
      if (next >= source.startsAt) return 'last_reminder';
      if (!(await this.conventions.planReminder(bookingId, next, eventId, manager))) {
        return 'already_planned';
      }
      await this.outbox.record(manager, {
        type: TrainingEvents.ConventionReminderDue,
        aggregateType: 'booking',
        aggregateId: bookingId,
        payload: {
          bookingId,
          documentId: awaiting.latestDocumentId,
          organisationId: awaiting.organisationId,
        },
        deliverAt: next,
      });
      return 'next_planned';
    });
  }
}
