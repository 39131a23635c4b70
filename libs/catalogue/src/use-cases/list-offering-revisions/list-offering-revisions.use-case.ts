import { Injectable } from '@nestjs/common';
import { decodeCursor, Page, toPage } from '@mutualis/core';
import { OfferingRepository } from '../../repositories/offering.repository';
import { OfferingRevisionRepository } from '../../repositories/offering-revision.repository';
import { CategoryRepository } from '../../repositories/category.repository';
import { OfferingRevisionView, presentRevision } from '../../views/offering-revision.view';
import { OfferingView, presentOffering } from '../../views/offering.view';

export interface PendingRevisionView {
  /** The live offering: the "before". */
  offering: OfferingView;
  /** The proposed version: the "after". */
  revision: OfferingRevisionView;
}

/** The revisions of published offerings awaiting review, oldest first (admins; the route is guarded). */
@Injectable()
export class ListOfferingRevisionsUseCase {
  constructor(
    private readonly revisions: OfferingRevisionRepository,
    private readonly offerings: OfferingRepository,
    private readonly categories: CategoryRepository,
  ) {}

  async pending(query: { limit: number; cursor?: string }): Promise<Page<PendingRevisionView>> {
    const rows = await this.revisions.listPending({
      limit: query.limit,
      after: decodeCursor(query.cursor),
    });
    const offerings = new Map(
      (await this.offerings.findByIds(rows.map((row) => row.offeringId))).map((offering) => [
        offering.id,
        offering,
      ]),
    );
    const categories = await this.categories.mapByIds(
      [...offerings.values()].map((offering) => offering.categoryId),
    );
    return toPage(rows, query.limit, (row) => {
      const live = offerings.get(row.offeringId)!;
      return {
        offering: presentOffering(live, categories.get(live.categoryId)!, true),
        revision: presentRevision(row, live),
      };
    });
  }
}
