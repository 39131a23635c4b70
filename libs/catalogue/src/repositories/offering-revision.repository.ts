import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { KeysetPosition } from '@mutualis/core';
import { OfferingRevision } from '../entities/offering-revision.entity';
import type { VatTreatment } from '../vat-regimes';

export type RevisionContent = Pick<
  OfferingRevision,
  'title' | 'summary' | 'description' | 'memberPriceCents' | 'nonMemberPriceCents' | 'pedagogy'
> & { vatTreatment: VatTreatment };

@Injectable()
export class OfferingRevisionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The revision awaiting review, if any (at most one: a partial unique index). */
  findPending(
    offeringId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<OfferingRevision | null> {
    return manager.findOne(OfferingRevision, { where: { offeringId, status: 'pending' } });
  }

  /**
   * The offering's latest revision when it was rejected and nothing newer awaits review: what
   * the consultant is told about their last proposal.
   */
  async latestIfRejected(
    offeringId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<OfferingRevision | null> {
    const latest = await manager.findOne(OfferingRevision, {
      where: { offeringId },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    return latest?.status === 'rejected' ? latest : null;
  }

  async create(
    offeringId: string,
    proposedBy: string,
    content: RevisionContent,
    manager: EntityManager,
  ): Promise<OfferingRevision> {
    const revision = manager.create(OfferingRevision, {
      ...content,
      offeringId,
      proposedBy,
      status: 'pending',
    });
    await manager.insert(OfferingRevision, revision);
    return (await manager.findOneBy(OfferingRevision, { id: revision.id }))!;
  }

  async update(
    id: string,
    changes: Partial<OfferingRevision>,
    manager: EntityManager,
  ): Promise<OfferingRevision> {
    await manager.update(OfferingRevision, { id }, changes);
    return (await manager.findOneBy(OfferingRevision, { id }))!;
  }

  /** Revisions awaiting review, oldest first (the moderation queue). */
  listPending(query: { after: KeysetPosition | null; limit: number }): Promise<OfferingRevision[]> {
    const builder = this.dataSource
      .getRepository(OfferingRevision)
      .createQueryBuilder('revision')
      .where(`revision.status = 'pending'`);
    if (query.after) {
      builder.andWhere('(revision.createdAt, revision.id) > (:afterCreatedAt, :afterId)', {
        afterCreatedAt: query.after.createdAt,
        afterId: query.after.id,
      });
    }
    return builder
      .orderBy('revision.createdAt', 'ASC')
      .addOrderBy('revision.id', 'ASC')
      .limit(query.limit + 1)
      .getMany();
  }
}
