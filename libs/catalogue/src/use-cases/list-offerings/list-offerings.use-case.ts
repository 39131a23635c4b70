import { Injectable } from '@nestjs/common';
import { decodeCursor, Page, toPage } from '@mutualis/core';
import { Actor } from '@mutualis/identity';
import type { OfferingStatus } from '../../catalogue.types';
import { Offering } from '../../entities/offering.entity';
import { CategoryRepository } from '../../repositories/category.repository';
import { OfferingRepository } from '../../repositories/offering.repository';
import { OfferingView, presentOffering } from '../../views/offering.view';
import { assertConsultant } from '../consultant-profile/consultant-profile.use-case';

export interface ListOfferingsQuery {
  statuses?: OfferingStatus[];
  limit: number;
  cursor?: string;
}

/** Offerings in every status: a consultant's own, or the moderation queue for admins. */
@Injectable()
export class ListOfferingsUseCase {
  constructor(
    private readonly offerings: OfferingRepository,
    private readonly categories: CategoryRepository,
  ) {}

  async mine(actor: Actor, query: ListOfferingsQuery): Promise<Page<OfferingView>> {
    assertConsultant(actor);
    const rows = await this.offerings.listByConsultant(actor.userId, {
      statuses: query.statuses,
      limit: query.limit,
      after: decodeCursor(query.cursor),
    });
    return this.present(rows, query.limit);
  }

  /** For admins (the route is guarded by role): by default, what awaits moderation. */
  async forModeration(query: ListOfferingsQuery): Promise<Page<OfferingView>> {
    const rows = await this.offerings.listByStatus({
      statuses: query.statuses ?? ['submitted'],
      limit: query.limit,
      after: decodeCursor(query.cursor),
    });
    return this.present(rows, query.limit);
  }

  private async present(rows: Offering[], limit: number): Promise<Page<OfferingView>> {
    const categories = await this.categories.mapByIds(rows.map((row) => row.categoryId));
    return toPage(rows, limit, (row) =>
      presentOffering(row, categories.get(row.categoryId)!, true),
    );
  }
}
