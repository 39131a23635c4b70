import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '@mutualis/core';
import { Actor } from '../../identity.types';
import { OrganisationMemberRepository } from '../../repositories/organisation-member.repository';
import { OrganisationAccessService } from '../../services/organisation-access.service';
import { lastAdmin, notInOrganisation } from '../../services/organisation-people-errors';

/**
 * Someone leaves an organisation, or an admin removes them, never leaving it without an admin.
 */
@Injectable()
export class RemoveFromOrganisationUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: OrganisationAccessService,
    private readonly members: OrganisationMemberRepository,
    private readonly audit: AuditLog,
  ) {}

  async execute(actor: Actor, organisationId: string, userId: string): Promise<void> {
    // Anyone may leave an organisation; removing someone else takes an admin.
    if (actor.userId === userId) await this.access.assertBelongsTo(actor, organisationId);
    else await this.access.assertCanManage(actor, organisationId);
    await this.dataSource.transaction(async (manager) => {
      const admins = await this.members.countAdminsForUpdate(organisationId, manager);
      const current = await this.members.roleOf(organisationId, userId, manager);
      if (!current) throw notInOrganisation();
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
