import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '@mutualis/core';
import { MembershipStatus } from '../../identity.types';
import { MembershipRepository } from '../../repositories/membership.repository';
import { OrganisationRepository } from '../../repositories/organisation.repository';
import { organisationNotFound } from '../../services/organisation-access.service';
import { MembershipView, presentMembership } from '../../views/organisation.view';

export interface SetMembershipCommand {
  organisationId: string;
  year: number;
  status: MembershipStatus;
  feeCents: number;
}

/** The Chambre records an organisation's adhésion for a year (route guarded: admins only). */
@Injectable()
export class SetMembershipUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organisations: OrganisationRepository,
    private readonly memberships: MembershipRepository,
    private readonly audit: AuditLog,
  ) {}

  async execute(command: SetMembershipCommand): Promise<MembershipView> {
    const membership = await this.dataSource.transaction(async (manager) => {
      if (!(await this.organisations.findById(command.organisationId, manager)))
        throw organisationNotFound();
      const previous = await this.memberships.findForYear(
        command.organisationId,
        command.year,
        manager,
      );
      const membership = await this.memberships.upsert(
        command.organisationId,
        command.year,
        command.status,
        command.feeCents,
        manager,
      );
      if (previous?.status !== membership.status || previous.feeCents !== membership.feeCents) {
        await this.audit.record(manager, {
          action: 'membership.set',
          entityType: 'organisation',
          entityId: command.organisationId,
          before: previous
            ? { year: previous.year, status: previous.status, feeCents: previous.feeCents }
            : null,
          after: {
            year: membership.year,
            status: membership.status,
            feeCents: membership.feeCents,
          },
        });
      }
      return membership;
    });
    return presentMembership(membership);
  }
}
