import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '@mutualis/core';
import { IdentityErrorCode, IdentityException } from '../../identity.exception';
import { Actor, OrganisationRole } from '../../identity.types';
import {
  MemberView,
  OrganisationMemberRepository,
} from '../../repositories/organisation-member.repository';
import { OrganisationAccessService } from '../../services/organisation-access.service';

/** Lists an organisation's people, changes their role or removes them, never leaving it without an admin. */
@Injectable()
export class ManageMembersUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: OrganisationAccessService,
    private readonly members: OrganisationMemberRepository,
    private readonly audit: AuditLog,
  ) {}

  async list(actor: Actor, organisationId: string): Promise<MemberView[]> {
    await this.access.assertCanRead(actor, organisationId);
    return this.members.list(organisationId);
  }

  async changeRole(
    actor: Actor,
    organisationId: string,
    userId: string,
    role: OrganisationRole,
  ): Promise<void> {
    await this.access.assertCanManage(actor, organisationId);
    await this.dataSource.transaction(async (manager) => {
      const admins = await this.members.countAdminsForUpdate(organisationId, manager);
      const current = await this.members.roleOf(organisationId, userId, manager);
      if (!current) throw memberNotFound();
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

  async remove(actor: Actor, organisationId: string, userId: string): Promise<void> {
    // Anyone may leave an organisation; removing someone else takes an admin.
    if (actor.userId === userId) await this.access.assertBelongsTo(actor, organisationId);
    else await this.access.assertCanManage(actor, organisationId);
    await this.dataSource.transaction(async (manager) => {
      const admins = await this.members.countAdminsForUpdate(organisationId, manager);
      const current = await this.members.roleOf(organisationId, userId, manager);
      if (!current) throw memberNotFound();
      if (current === 'org_admin' && admins <= 1) throw lastAdmin();
      await this.members.remove(organisationId, userId, manager);
      await this.audit.record(manager, {
        action: 'organisation.member.removed',
        entityType: 'organisation',
        entityId: organisationId,
        before: { userId, role: current },
        after: null,
      });
    });
  }
}

function memberNotFound(): IdentityException {
  return new IdentityException(
    IdentityErrorCode.MemberNotFound,
    'this person is not a member of the organisation',
  );
}

function lastAdmin(): IdentityException {
  return new IdentityException(
    IdentityErrorCode.LastOrganisationAdmin,
    'an organisation keeps at least one administrator; name another one first',
  );
}
