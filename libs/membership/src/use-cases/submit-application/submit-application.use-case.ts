import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, isUniqueViolation, OutboxService, parisYear } from '@mutualis/core';
import {
  Actor,
  IdentityErrorCode,
  IdentityException,
  MembershipService,
  OrganisationAccessService,
  OrganisationDirectoryService,
} from '@mutualis/identity';
import { MembershipEvents } from '../../membership.events';
import { MembershipErrorCode, MembershipException } from '../../membership.exception';
import type { MemberFamily } from '../../membership.types';
import { ChambreScopeRepository } from '../../repositories/chambre-scope.repository';
import { CharterRepository } from '../../repositories/charter.repository';
import {
  MembershipApplicationRepository,
  ONE_PENDING_INDEX,
} from '../../repositories/membership-application.repository';
import { MembershipProfileRepository } from '../../repositories/membership-profile.repository';
import {
  MembershipApplicationView,
  presentApplication,
} from '../../views/membership-application.view';

export interface SubmitApplicationCommand {
  actor: Actor;
  organisationId: string;
  year: number;
  family: MemberFamily;
  headcount: number | null;
  annualBudgetCents: number | null;
  contactName: string;
  contactEmail: string;
  /** The version of the charter the applicant read: it must still be the current one. */
  charterVersion: number;
  acceptCharter: boolean;
}

/**
 * An organisation's admin applies to join (or renew) for a year: its declared profile is kept
 * (its fee is computed from it), the charter's acceptance recorded with its time and author,
 * and the Chambre's admins hear of it. One pending application per organisation and year.
 */
@Injectable()
export class SubmitApplicationUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: OrganisationAccessService,
    private readonly organisations: OrganisationDirectoryService,
    private readonly memberships: MembershipService,
    private readonly chambre: ChambreScopeRepository,
    private readonly charters: CharterRepository,
    private readonly profiles: MembershipProfileRepository,
    private readonly applications: MembershipApplicationRepository,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async execute(command: SubmitApplicationCommand): Promise<MembershipApplicationView> {
    const role = await this.access.assertBelongsTo(command.actor, command.organisationId);
    if (role !== 'org_admin') {
      throw new IdentityException(
        IdentityErrorCode.NotOrganisationAdmin,
        'only an administrator of this organisation may apply for its membership',
      );
    }
    this.assertDeclared(command);
    const chambreId = await this.chambre.currentId();
    const now = this.clock.now();
    const id = await this.dataSource
      .transaction(async (manager) => {
        const charter = await this.charters.current(chambreId, manager);
        if (!charter) {
          throw new MembershipException(
            MembershipErrorCode.CharterMissing,
            'the Chambre has not published its charter yet',
          );
        }
        if (!command.acceptCharter || command.charterVersion !== charter.version) {
          throw new MembershipException(
            MembershipErrorCode.CharterNotCurrent,
            `the charter to accept is version ${charter.version}`,
            [{ field: 'charterVersion', message: `must be ${charter.version}, the current one` }],
          ).with({ currentVersion: charter.version });
        }
        const current = await this.memberships.findForYear(
          command.organisationId,
          command.year,
          manager,
        );
        if (current?.status === 'active') {
          throw new MembershipException(
            MembershipErrorCode.AlreadyMember,
            `the organisation is already a member for ${command.year}`,
          ).with({ year: command.year });
        }
        const activeYears = (await this.memberships.standingOf(command.organisationId, manager))
          .activeYearList;
        await this.profiles.upsert(
          chambreId,
          command.organisationId,
          {
            family: command.family,
            headcount: command.headcount,
            annualBudgetCents: command.annualBudgetCents,
            contactName: command.contactName,
            contactEmail: command.contactEmail,
          },
          manager,
        );
        const id = await this.applications.insert(
          {
            chambreId,
            organisationId: command.organisationId,
            year: command.year,
            kind: activeYears.length > 0 ? 'renewal' : 'join',
            family: command.family,
            headcount: command.headcount,
            annualBudgetCents: command.annualBudgetCents,
            contactName: command.contactName,
            contactEmail: command.contactEmail,
            charterId: charter.id,
            charterAcceptedAt: now,
            submittedBy: command.actor.userId,
          },
          manager,
        );
        await this.outbox.record(manager, {
          type: MembershipEvents.ApplicationSubmitted,
          aggregateType: 'membership_application',
          aggregateId: id,
          payload: { organisationId: command.organisationId, year: command.year },
        });
        return id;
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error, ONE_PENDING_INDEX)) {
          throw new MembershipException(
            MembershipErrorCode.ApplicationPending,
            `an application for ${command.year} is already waiting for a decision`,
          ).with({ year: command.year });
        }
        throw error;
      });
    const [application, names] = await Promise.all([
      this.applications.findById(id),
      this.organisations.legalNamesOf([command.organisationId]),
    ]);
    return presentApplication(application!, names.get(command.organisationId) ?? '');
  }

  /** A size to price it by, and a year that is this one or the next. */
  private assertDeclared(command: SubmitApplicationCommand): void {
    const problems = [];
    if (command.headcount === null && command.annualBudgetCents === null) {
      problems.push({
        field: 'headcount',
        message: 'declare the headcount or the annual budget (annualBudgetCents), or both',
      });
    }
    const thisYear = parisYear(this.clock.now());
    if (command.year < thisYear || command.year > thisYear + 1) {
      problems.push({ field: 'year', message: `must be ${thisYear} or ${thisYear + 1}` });
    }
    if (problems.length > 0) {
      throw new MembershipException(
        MembershipErrorCode.InvalidApplication,
        'the application is not complete',
        problems,
      );
    }
  }
}
