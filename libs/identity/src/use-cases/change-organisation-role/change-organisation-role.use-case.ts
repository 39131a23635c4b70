import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '@mutualis/core';
import { Actor, OrganisationRole } from '../../identity.types';
import { OrganisationMemberRepository } from '../../repositories/organisation-member.repository';
import { OrganisationAccessService } from '../../services/organisation-access.service';
import { lastAdmin, notInOrganisation } from '../../services/organisation-people-errors';

/** An admin changes someone's role in the organisation, never leaving it without an admin. */
@Injectable()
export class ChangeOrganisationRoleUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: OrganisationAccessService,
    private readonly members: OrganisationMemberRepository,
    private readonly audit: AuditLog,
  ) {}

  async execute(
    actor: Actor,
    organisationId: string,
    userId: string,
    role: OrganisationRole,
  ): Promise<void> {
    await this.access.assertCanManage(actor, organisationId);
    await this.dataSource.transaction(async (manager) => {
      const admins = await this.members.countAdminsForUpdate(organisationId, manager);
      const current = await this.members.roleOf(organisationId, userId, manager);
      if (!current) throw notInOrganisation();
      if (current === 'org_admin' && role !== 'org_admin' && admins <= 1) throw lastAdmin();
      if (current === role) return;
      await this.members.changeRole(organisationId, userId, role, manager);
      await this.audit.record(manager, {
        action: 'organisation.member-role.changed',
        entityType: 'organisation',
        entityId: organisationId,
        before: { userId, role: current },
        after: { userId, role },
      });
    });
  }
}
