import { Injectable } from '@nestjs/common';
import { Clock, CoreErrorCode, CoreException, decodeKeyset, encodeKeyset } from '@mutualis/core';
import { Actor } from '@mutualis/identity';
import { In, DataSource } from 'typeorm';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DeliveryMode } from '../../catalogue.types';
import { Offering } from '../../entities/offering.entity';
import { CategoryRepository } from '../../repositories/category.repository';
import { ConsultationSlotRepository } from '../../repositories/consultation-slot.repository';
import {
  OfferingSearchRepository,
  SearchFilters,
} from '../../repositories/offering-search.repository';
import { TrainingSessionRepository } from '../../repositories/training-session.repository';
import { AppliedPrice, PricingService } from '../../services/pricing.service';
import {
  OfferingView,
  presentOffering,
  presentSession,
  presentSlot,
  SessionView,
  SlotView,
} from '../../views/offering.view';
import { unknownCategory } from '../create-offering/create-offering.use-case';

export interface SearchOfferingsQuery {
  actor: Actor | null;
  organisationId?: string;
  q?: string;
  category?: string;
  department?: string;
  mode?: DeliveryMode;
  from?: Date;
  to?: Date;
  maxPriceCents?: number;
  available?: boolean;
  limit: number;
  cursor?: string;
}

export type OfferingSummary = Omit<OfferingView, 'description' | 'rejectionReason' | 'pedagogy'> & {
  /** What the caller would pay today, excluding VAT. */
  price: AppliedPrice;
  nextSessions: SessionView[];
  nextSlots: SlotView[];
};

export interface SearchResult {
  items: OfferingSummary[];
  nextCursor: string | null;
  /** Matching offerings per category, for the same query without its category filter. */
  facets: { categories: { slug: string; labelFr: string; labelEn: string; count: number }[] };
  /** Matching offerings in all pages. */
  total: number;
}

const NEXT_PER_OFFERING = 3;

/**
 * Searches the published catalogue. A page costs a fixed number of queries whatever its size:
 * the ranked ids, the facets, then the offerings, categories, next sessions and next slots of
 * the whole page at once.
 */
@Injectable()
export class SearchOfferingsUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly search: OfferingSearchRepository,
    private readonly categories: CategoryRepository,
    private readonly sessions: TrainingSessionRepository,
    private readonly slots: ConsultationSlotRepository,
    private readonly pricing: PricingService,
    private readonly clock: Clock,
  ) {}

  async execute(query: SearchOfferingsQuery): Promise<SearchResult> {
    const [pricing, allCategories] = await Promise.all([
      this.pricing.contextFor(query.actor, query.organisationId),
      this.categories.list(),
    ]);
    if (query.category && !allCategories.some((category) => category.slug === query.category)) {
      throw unknownCategory(query.category, 'category');
    }
    const text = query.q?.trim();
    const filters: SearchFilters = {
      text: text ? text : undefined,
      categorySlug: query.category,
      department: query.department,
      mode: query.mode,
      from: query.from,
      to: query.to,
      maxPriceCents: query.maxPriceCents,
      memberPricing: this.pricing.memberPriceAppliesOn(this.clock.now(), pricing),
      availableOnly: query.available,
    };
    const position = decodeKeyset(query.cursor, 2);
    if (position && !sortValueFits(position[0], filters.text !== undefined)) {
      throw new CoreException(CoreErrorCode.InvalidCursor, 'cursor does not belong to this search');
    }
    const [rows, counts] = await Promise.all([
      this.search.search(
        filters,
        position ? { sort: position[0], id: position[1] } : null,
        query.limit,
      ),
      this.search.countByCategory(filters),
    ]);
    const page = rows.slice(0, query.limit);
    const ids = page.map((row) => row.id);
    const [offerings, sessions, slots] = await Promise.all([
      ids.length
        ? this.dataSource.manager.find(Offering, { where: { id: In(ids) } })
        : Promise.resolve([]),
      this.sessions.nextForOfferings(ids, NEXT_PER_OFFERING),
      this.slots.nextOpenForOfferings(ids, NEXT_PER_OFFERING),
    ]);
    const byId = new Map(offerings.map((offering) => [offering.id, offering]));
    const categoryById = new Map(allCategories.map((category) => [category.id, category]));
    const now = this.clock.now();

    const items = ids.map((id): OfferingSummary => {
      const offering = byId.get(id)!;
      const {
        description: _description,
        rejectionReason: _reason,
        ...view
      } = presentOffering(offering, categoryById.get(offering.categoryId)!, false);
      return {
        ...view,
        price: this.pricing.priceOn(offering, now, pricing),
        nextSessions: (sessions.get(id) ?? []).map((session) =>
          presentSession(session, this.pricing.priceOn(offering, session.startsAt, pricing), false),
        ),
        nextSlots: (slots.get(id) ?? []).map((slot) =>
          presentSlot(slot, this.pricing.priceOn(offering, slot.startsAt, pricing)),
        ),
      };
    });
    const last = page.at(-1);
    const countBySlug = new Map(counts.map((count) => [count.slug, count.count]));
    return {
      items,
      nextCursor: rows.length > query.limit && last ? encodeKeyset([last.sort, last.id]) : null,
      facets: {
        categories: allCategories.map((category) => ({
          slug: category.slug,
          labelFr: category.labelFr,
          labelEn: category.labelEn,
          count: countBySlug.get(category.slug) ?? 0,
        })),
      },
      total: query.category
        ? (countBySlug.get(query.category) ?? 0)
        : counts.reduce((sum, count) => sum + count.count, 0),
    };
  }
}

/** A ranked search pages on a rank (a number), the others on a publication instant. */
function sortValueFits(value: string, ranked: boolean): boolean {
  if (ranked) return /^-?\d+(\.\d+)?(e-?\d+)?$/i.test(value) && Number.isFinite(Number(value));
  return (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(value) && !Number.isNaN(Date.parse(value))
  );
}
