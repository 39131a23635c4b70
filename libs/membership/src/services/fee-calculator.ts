import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, parisDate } from '@mutualis/core';
import { computeFee, NoFeeBracketError, overrideDescription } from '../domain/fee-calculation';
import { MembershipErrorCode, MembershipException } from '../membership.exception';
import type { CotisationVatTreatment } from '../membership.types';
import { ChambreScopeRepository } from '../repositories/chambre-scope.repository';
import { FeeOverrideRepository } from '../repositories/fee-override.repository';
import { FeeScheduleRepository } from '../repositories/fee-schedule.repository';
import { MembershipProfileRepository } from '../repositories/membership-profile.repository';

export interface MembershipFee {
  amountCents: number;
  /** The invoice line's text, e.g. « Cotisation 2027 — association, 10 à 49 salariés ». */
  description: string;
  vatTreatment: CotisationVatTreatment;
}

/**
 * The fee of an organisation for a year from its profile and the year's grid, or its override
 * (contract C2 between the membership helpers).
 */
@Injectable()
export class FeeCalculator {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly chambre: ChambreScopeRepository,
    private readonly schedules: FeeScheduleRepository,
    private readonly profiles: MembershipProfileRepository,
    private readonly overrides: FeeOverrideRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Throws a MembershipException (422 `fee_schedule_missing` / `no_fee_bracket`) when none
   * applies. `joining`: a first adhésion (first-year fee, pro rata); `on`: the day of the join
   * (default now). Inside a transaction, pass its manager.
   */
  async feeFor(
    organisationId: string,
    year: number,
    options: { joining?: boolean; on?: Date } = {},
    manager: EntityManager = this.dataSource.manager,
  ): Promise<MembershipFee> {
    const chambreId = await this.chambre.currentId(manager);
    // One after the other: inside a transaction the manager is one connection.
    const schedule = await this.schedules.findForYear(chambreId, year, manager);
    const profile = await this.profiles.findForOrganisation(organisationId, manager);
    const override = await this.overrides.findFor(organisationId, year, manager);
    if (!schedule) {
      throw new MembershipException(
        MembershipErrorCode.FeeScheduleMissing,
        `no fee schedule is configured for ${year}`,
      ).with({ year });
    }
    if (override) {
      return {
        amountCents: override.amountCents,
        description: overrideDescription(year, profile?.family ?? null),
        vatTreatment: schedule.vatTreatment,
      };
    }
    if (!profile) throw noBracket(year, 'the organisation has not declared its profile');
    try {
      const quote = computeFee(schedule, profile, {
        joining: options.joining ?? false,
        on: parisDate(options.on ?? this.clock.now()),
      });
      return { ...quote, vatTreatment: schedule.vatTreatment };
    } catch (error) {
      if (error instanceof NoFeeBracketError) {
        throw noBracket(year, `no bracket of the ${year} grid fits the organisation's profile`);
      }
      throw error;
    }
  }
}

function noBracket(year: number, message: string): MembershipException {
  return new MembershipException(MembershipErrorCode.NoFeeBracket, message).with({ year });
}
