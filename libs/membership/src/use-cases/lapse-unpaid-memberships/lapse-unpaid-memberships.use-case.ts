import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, OutboxService, parisDate } from '@mutualis/core';
import { MembershipRollService } from '@mutualis/identity';
import { MembershipInvoicesQuery } from '@mutualis/invoicing';
import { MembershipEvents } from '../../membership.events';
import { ChambreScopeRepository } from '../../repositories/chambre-scope.repository';
import { RenewalTermsRepository } from '../../repositories/renewal-terms.repository';

const EVENTS_PER_INSERT = 1_000;

/**
 * Unpaid memberships lapse once their year's grace date has passed and their invoice is past its
 * due date: a renewal unpaid by the grace date lapses the day after it; a join approved later has
 * its invoice's payment terms first. A pending membership without an invoice (an application
 * still waiting, an organisation that never applied) has nothing unpaid and does not lapse. One
 * statement per year, with a `membership.lapsed` event each in the same transaction. From then
 * the non-member price applies (pricing reads `active`); paying later makes it active again.
 * Running it again changes nothing: those lapsed are no longer pending.
 */
@Injectable()
export class LapseUnpaidMembershipsUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly chambre: ChambreScopeRepository,
    private readonly terms: RenewalTermsRepository,
    private readonly roll: MembershipRollService,
    private readonly invoices: MembershipInvoicesQuery,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<{ lapsed: number; years: number[] }> {
    const today = parisDate(this.clock.now());
    const years = await this.terms.graceEndedBefore(await this.chambre.currentId(), today);
    let lapsed = 0;
    for (const { year } of years) {
      lapsed += await this.dataSource.transaction(async (manager) => {
        const unpaid = await this.invoices.unpaidPastDue(year, today);
        const changed = await this.roll.lapsePending(year, unpaid, manager);
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
