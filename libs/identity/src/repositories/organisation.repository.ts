import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { KeysetPosition } from '@mutualis/core';
import { OrganisationMember } from '../entities/organisation-member.entity';
import { Organisation } from '../entities/organisation.entity';
import type { OrganisationRole } from '../identity.types';
import { escapeLike } from './user.repository';

export type OrganisationFields = Omit<Organisation, 'id' | 'createdAt' | 'updatedAt'>;

export interface OrganisationWithRole {
  organisation: Organisation;
  role: OrganisationRole;
}

export interface OrganisationListQuery {
  search?: string;
  department?: string;
  after: KeysetPosition | null;
  limit: number;
}

@Injectable()
export class OrganisationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Organisation | null> {
    return manager.findOne(Organisation, { where: { id } });
  }

  /** The organisation, only when the user belongs to it. */
  async findByIdForMember(userId: string, id: string): Promise<OrganisationWithRole | null> {
    const member = await this.dataSource.manager.findOne(OrganisationMember, {
      where: { organisationId: id, userId },
    });
    if (!member) return null;
    const organisation = await this.findById(id);
    return organisation ? { organisation, role: member.role } : null;
  }

  /** Every organisation the user belongs to, with their role, by name. */
  async listForMember(userId: string): Promise<OrganisationWithRole[]> {
    const rows = await this.dataSource
      .getRepository(Organisation)
      .createQueryBuilder('organisation')
      .innerJoin(OrganisationMember, 'member', 'member.organisationId = organisation.id')
      .addSelect('member.role', 'member_role')
      .where('member.userId = :userId', { userId })
      .orderBy('organisation.legalName', 'ASC')
      .getRawAndEntities<{ member_role: OrganisationRole }>();
    return rows.entities.map((organisation, index) => ({
      organisation,
      role: rows.raw[index].member_role,
    }));
  }

  async create(fields: OrganisationFields, manager: EntityManager): Promise<Organisation> {
    const organisation = manager.create(Organisation, fields);
    await manager.insert(Organisation, organisation);
    return (await this.findById(organisation.id, manager))!;
  }

  async update(
    id: string,
    changes: Partial<OrganisationFields>,
    manager: EntityManager,
  ): Promise<Organisation> {
    if (Object.keys(changes).length > 0) await manager.update(Organisation, { id }, changes);
    return (await this.findById(id, manager))!;
  }

  /** All organisations for the Chambre's staff, by creation, filtered by name or SIRET fragment. */
  list(query: OrganisationListQuery): Promise<Organisation[]> {
    const builder = this.dataSource
      .getRepository(Organisation)
      .createQueryBuilder('organisation')
      .orderBy('organisation.createdAt', 'ASC')
      .addOrderBy('organisation.id', 'ASC')
      .limit(query.limit + 1);
    if (query.search) {
      builder.andWhere(
        // An association without a SIRET is found by its RNA number.
        `(lower(organisation.legalName) LIKE :pattern OR organisation.siret LIKE :prefix
          OR organisation.rna LIKE :rnaPrefix)`,
        {
          pattern: `%${escapeLike(query.search.toLowerCase())}%`,
          prefix: `${escapeLike(query.search.replace(/\s/g, ''))}%`,
          rnaPrefix: `${escapeLike(query.search.replace(/\s/g, '').toUpperCase())}%`,
        },
      );
    }
    if (query.department)
      builder.andWhere('organisation.department = :department', { department: query.department });
    if (query.after) {
      builder.andWhere('(organisation.createdAt, organisation.id) > (:afterCreatedAt, :afterId)', {
        afterCreatedAt: query.after.createdAt,
        afterId: query.after.id,
      });
    }
    return builder.getMany();
  }
}
