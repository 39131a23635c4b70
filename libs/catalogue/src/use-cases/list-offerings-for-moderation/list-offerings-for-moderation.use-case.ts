import { Injectable } from '@nestjs/common';
import { decodeCursor, Page, toPage } from '@mutualis/core';
import { CategoryRepository } from '../../repositories/category.repository';
import { OfferingRepository } from '../../repositories/offering.repository';
import { OfferingView, presentOffering } from '../../views/offering.view';
import type { ListOfferingsQuery } from '../list-my-offerings/list-my-offerings.use-case';

/** The moderation queue, for admins (the route is guarded by role): by default, what is submitted. */
@Injectable()
export class ListOfferingsForModerationUseCase {
  constructor(
    private readonly offerings: OfferingRepository,
    private readonly categories: CategoryRepository,
  ) {}

  async execute(query: ListOfferingsQuery): Promise<Page<OfferingView>> {
    const rows = await this.offerings.listByStatus({
      statuses: query.statuses ?? ['submitted'],
      limit: query.limit,
      after: decodeCursor(query.cursor),
    });
    const categories = await this.categories.mapByIds(rows.map((row) => row.categoryId));
    return toPage(rows, query.limit, (row) =>
      presentOffering(row, categories.get(row.categoryId)!, true),
    );
  }
}
