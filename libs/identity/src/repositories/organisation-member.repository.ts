import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OrganisationMember } from '../entities/organisation-member.entity';
import { User } from '../entities/user.entity';
import type { OrganisationRole } from '../identity.types';

export interface MemberView {
  userId: string;
  name: string;
  email: string;
  role: OrganisationRole;
  since: Date;
}

@Injectable()
export class OrganisationMemberRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async roleOf(
    organisationId: string,
    userId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<OrganisationRole | null> {
    const member = await manager.findOne(OrganisationMember, { where: { organisationId, userId } });
    return member?.role ?? null;
  }

  async organisationIdsOf(userId: string): Promise<string[]> {
    const rows = await this.dataSource.manager.find(OrganisationMember, {
      where: { userId },
      order: { createdAt: 'ASC' },
    });
    return rows.map((row) => row.organisationId);
  }

  async add(
    organisationId: string,
    userId: string,
    role: OrganisationRole,
    manager: EntityManager,
  ): Promise<void> {
    await manager.insert(OrganisationMember, { organisationId, userId, role });
  }

  async list(organisationId: string): Promise<MemberView[]> {
    const rows = await this.dataSource
      .getRepository(OrganisationMember)
      .createQueryBuilder('member')
      .innerJoin(User, 'user', 'user.id = member.userId')
      .select(['member.userId AS "userId"', 'member.role AS role', 'member.createdAt AS since'])
      .addSelect(['user.name AS name', 'user.email AS email'])
      .where('member.organisationId = :organisationId', { organisationId })
      .orderBy('user.name', 'ASC')
      .getRawMany<MemberView>();
    return rows;
  }

  /**
   * Locks the organisation's admin rows and counts them, so two concurrent demotions cannot
   * both see "another admin remains" and leave the organisation without one.
   */
  async countAdminsForUpdate(organisationId: string, manager: EntityManager): Promise<number> {
    const admins = await manager
      .getRepository(OrganisationMember)
      .createQueryBuilder('member')
      .setLock('pessimistic_write')
      .where('member.organisationId = :organisationId AND member.role = :role', {
        organisationId,
        role: 'org_admin',
      })
      .getMany();
    return admins.length;
  }

  async changeRole(
    organisationId: string,
    userId: string,
    role: OrganisationRole,
    manager: EntityManager,
  ): Promise<void> {
    await manager.update(OrganisationMember, { organisationId, userId }, { role });
  }

  async remove(organisationId: string, userId: string, manager: EntityManager): Promise<void> {
    await manager.delete(OrganisationMember, { organisationId, userId });
  }
}
