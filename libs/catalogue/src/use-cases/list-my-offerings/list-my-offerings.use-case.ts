import { Injectable } from '@nestjs/common';
import { decodeCursor, Page, toPage } from '@mutualis/core';
import { Actor } from '@mutualis/identity';
import type { OfferingStatus } from '../../catalogue.types';
import { CategoryRepository } from '../../repositories/category.repository';
import { OfferingRepository } from '../../repositories/offering.repository';
import { assertConsultant } from '../../services/consultant-role';
import { OfferingView, presentOffering } from '../../views/offering.view';

export interface ListOfferingsQuery {
  statuses?: OfferingStatus[];
  limit: number;
  cursor?: string;
}

/** A consultant's own offerings in every status, with rejection reasons. */
@Injectable()
export class ListMyOfferingsUseCase {
  constructor(
    private readonly offerings: OfferingRepository,
    private readonly categories: CategoryRepository,
  ) {}

  async execute(actor: Actor, query: ListOfferingsQuery): Promise<Page<OfferingView>> {
    assertConsultant(actor);
    const rows = await this.offerings.listByConsultant(actor.userId, {
      statuses: query.statuses,
      limit: query.limit,
      after: decodeCursor(query.cursor),
    });
    const categories = await this.categories.mapByIds(rows.map((row) => row.categoryId));
    return toPage(rows, query.limit, (row) =>
      presentOffering(row, categories.get(row.categoryId)!, true),
    );
  }
}
