import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, OutboxService, parisDate } from '@mutualis/core';
import { MembershipRollService } from '@mutualis/identity';
import { MembershipEvents } from '../../membership.events';
import { ChambreScopeRepository } from '../../repositories/chambre-scope.repository';
import { RenewalTermsRepository } from '../../repositories/renewal-terms.repository';

const EVENTS_PER_INSERT = 1_000;

/**
 * Unpaid memberships lapse the day after their year's grace date: every one still pending turns
 * lapsed in one statement per year, with a `membership.lapsed` event each in the same
 * transaction. From then the non-member price applies (pricing reads `active`). Running it again
 * changes nothing: no membership is pending any more.
 */
@Injectable()
export class LapseUnpaidMembershipsUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly chambre: ChambreScopeRepository,
    private readonly terms: RenewalTermsRepository,
    private readonly roll: MembershipRollService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<{ lapsed: number; years: number[] }> {
    const today = parisDate(this.clock.now());
    const years = await this.terms.graceEndedBefore(await this.chambre.currentId(), today);
    let lapsed = 0;
    for (const { year } of years) {
      lapsed += await this.dataSource.transaction(async (manager) => {
        const changed = await this.roll.lapsePending(year, manager);
        // In slices: one INSERT of 16,600 events would pass PostgreSQL's 65,535 parameters.
        for (let start = 0; start < changed.length; start += EVENTS_PER_INSERT) {
          await this.outbox.record(
            manager,
            ...changed
              .slice(start, start + EVENTS_PER_INSERT)
              .map(({ membershipId, organisationId }) => ({
                type: MembershipEvents.Lapsed,
                aggregateType: 'membership',
                aggregateId: membershipId,
                payload: { organisationId, year },
              })),
          );
        }
        return changed.length;
      });
    }
    return { lapsed, years: years.map((terms) => terms.year) };
  }
}
