import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { KeysetPosition } from '@mutualis/core';
import { Offering } from '../entities/offering.entity';
import type { OfferingStatus } from '../catalogue.types';

export type OfferingFields = Omit<
  Offering,
  | 'id'
  | 'status'
  | 'rejectionReason'
  | 'submittedAt'
  | 'publishedAt'
  | 'archivedAt'
  | 'createdAt'
  | 'updatedAt'
>;

export interface OfferingListQuery {
  statuses?: OfferingStatus[];
  after: KeysetPosition | null;
  limit: number;
}

@Injectable()
export class OfferingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Offering | null> {
    return manager.findOne(Offering, { where: { id } });
  }

  findByIds(ids: string[]): Promise<Offering[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.manager.find(Offering, { where: { id: In(ids) } });
  }

  /** Locks the offering row for the rest of the transaction (status changes, slot creation). */
  findByIdForUpdate(id: string, manager: EntityManager): Promise<Offering | null> {
    return manager
      .getRepository(Offering)
      .createQueryBuilder('offering')
      .setLock('for_no_key_update')
      .where('offering.id = :id', { id })
      .getOne();
  }

  async create(
    fields: OfferingFields,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Offering> {
    const offering = manager.create(Offering, {
      ...fields,
      status: 'draft',
      rejectionReason: null,
    });
    await manager.insert(Offering, offering);
    return (await this.findById(offering.id, manager))!;
  }

  async update(id: string, changes: Partial<Offering>, manager: EntityManager): Promise<Offering> {
    if (Object.keys(changes).length > 0) await manager.update(Offering, { id }, changes);
    return (await this.findById(id, manager))!;
  }

  async idsByConsultant(consultantId: string): Promise<string[]> {
    const rows = await this.dataSource.manager.find(Offering, {
      select: { id: true },
      where: { consultantId },
    });
    return rows.map((row) => row.id);
  }

  /** A consultant's own offerings, in every status, oldest first. */
  listByConsultant(consultantId: string, query: OfferingListQuery): Promise<Offering[]> {
    const builder = this.dataSource
      .getRepository(Offering)
      .createQueryBuilder('offering')
      .where('offering.consultantId = :consultantId', { consultantId });
    return this.paginate(builder, query);
  }

  /** Every offering in the given statuses (the moderation queue: submitted), oldest first. */
  listByStatus(query: OfferingListQuery): Promise<Offering[]> {
    return this.paginate(
      this.dataSource.getRepository(Offering).createQueryBuilder('offering'),
      query,
    );
  }

  private paginate(
    builder: SelectQueryBuilder<Offering>,
    query: OfferingListQuery,
  ): Promise<Offering[]> {
    if (query.statuses?.length)
      builder.andWhere('offering.status IN (:...statuses)', { statuses: query.statuses });
    if (query.after) {
      builder.andWhere('(offering.createdAt, offering.id) > (:afterCreatedAt, :afterId)', {
        afterCreatedAt: query.after.createdAt,
        afterId: query.after.id,
      });
    }
    return builder
      .orderBy('offering.createdAt', 'ASC')
      .addOrderBy('offering.id', 'ASC')
      .limit(query.limit + 1)
      .getMany();
  }
}
