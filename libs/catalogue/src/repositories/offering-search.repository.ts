import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DeliveryMode } from '../catalogue.types';

export interface SearchFilters {
  /** Words as people type them; French stemming, accents ignored. */
  text?: string;
  categorySlug?: string;
  department?: string;
  mode?: DeliveryMode;
  /** Only offerings with a session or free slot starting in [from, to). */
  from?: Date;
  to?: Date;
  /** Compared with the price the caller would pay (member or non-member). */
  maxPriceCents?: number;
  memberPricing: boolean;
  /** Only offerings with a bookable session (seats left, registration open) or a free slot. */
  availableOnly?: boolean;
}

/** Where the previous page stopped: the sort value (rank or publication time) and the id. */
export interface SearchPosition {
  sort: string;
  id: string;
}

export interface SearchRow {
  id: string;
  sort: string;
}

export interface CategoryCount {
  slug: string;
  count: number;
}

/** A statement and its parameters, so the bench can EXPLAIN exactly what the api runs. */
export interface SqlStatement {
  sql: string;
  parameters: unknown[];
}

/**
 * Search over published offerings, written as SQL so that every filter maps to an index:
 * the GIN full-text and département indexes on offerings, and the partial (offering_id,
 * starts_at) indexes on sessions and slots for dates and availability.
 */
@Injectable()
export class OfferingSearchRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async search(
    filters: SearchFilters,
    after: SearchPosition | null,
    limit: number,
  ): Promise<SearchRow[]> {
    const statement = this.searchStatement(filters, after, limit);
    return this.dataSource.query<SearchRow[]>(statement.sql, statement.parameters);
  }

  /** Counts per category for the same filters, the category filter aside (facets). */
  async countByCategory(filters: SearchFilters): Promise<CategoryCount[]> {
    const statement = this.facetStatement(filters);
    const rows = await this.dataSource.query<{ slug: string; count: number }[]>(
      statement.sql,
      statement.parameters,
    );
    return rows.map((row) => ({ slug: row.slug, count: Number(row.count) }));
  }

  searchStatement(
    filters: SearchFilters,
    after: SearchPosition | null,
    limit: number,
  ): SqlStatement {
    const parameters: unknown[] = [];
    const where = this.conditions(filters, parameters, { withCategory: true });
    // The text, when given, is always the first parameter (see conditions).
    const ranked = filters.text !== undefined;
    const sort = ranked
      ? `ts_rank(o.search_vector, websearch_to_tsquery('french_unaccent', $1))`
      : 'o.published_at';
    let keyset = '';
    if (after) {
      parameters.push(after.sort, after.id);
      const [sortParam, idParam] = [`$${parameters.length - 1}`, `$${parameters.length}`];
      keyset = ranked
        ? `AND (${sort} < ${sortParam}::real OR (${sort} = ${sortParam}::real AND o.id > ${idParam}::uuid))`
        : `AND (o.published_at, o.id) < (${sortParam}::timestamptz, ${idParam}::uuid)`;
    }
    parameters.push(limit + 1);
    const order = ranked ? `${sort} DESC, o.id ASC` : 'o.published_at DESC, o.id DESC';
    return {
      sql: `SELECT o.id, ${ranked ? `${sort}::text` : `to_char(o.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`} AS sort
              FROM offerings o
             WHERE ${where} ${keyset}
             ORDER BY ${order}
             LIMIT $${parameters.length}`,
      parameters,
    };
  }

  facetStatement(filters: SearchFilters): SqlStatement {
    const parameters: unknown[] = [];
    const where = this.conditions(filters, parameters, { withCategory: false });
    return {
      sql: `SELECT c.slug, count(*)::int AS count
              FROM offerings o JOIN categories c ON c.id = o.category_id
             WHERE ${where}
             GROUP BY c.slug`,
      parameters,
    };
  }

  private conditions(
    filters: SearchFilters,
    parameters: unknown[],
    options: { withCategory: boolean },
  ): string {
    const add = (value: unknown): string => {
      parameters.push(value);
      return `$${parameters.length}`;
    };
    const conditions = [`o.status = 'published'`];
    if (filters.text !== undefined) {
      conditions.push(
        `o.search_vector @@ websearch_to_tsquery('french_unaccent', ${add(filters.text)})`,
      );
    }
    if (options.withCategory && filters.categorySlug !== undefined) {
      conditions.push(
        `o.category_id = (SELECT id FROM categories WHERE slug = ${add(filters.categorySlug)})`,
      );
    }
    if (filters.department !== undefined)
      conditions.push(`o.departments @> ARRAY[${add(filters.department)}]::text[]`);
    if (filters.mode !== undefined) conditions.push(`o.delivery_mode = ${add(filters.mode)}`);
    if (filters.maxPriceCents !== undefined) {
      const price = filters.memberPricing ? 'o.member_price_cents' : 'o.non_member_price_cents';
      conditions.push(`${price} <= ${add(filters.maxPriceCents)}`);
    }
    if (filters.availableOnly || filters.from || filters.to) {
      const from = add(filters.from ?? new Date());
      const to = filters.to ? `AND starts_at < ${add(filters.to)}` : '';
      const seats = filters.availableOnly
        ? `AND seats_taken < capacity AND registration_deadline > now()`
        : '';
      // One EXISTS over a UNION ALL, not two ORed EXISTS: PostgreSQL then probes the partial
      // (offering_id, starts_at) indexes offering by offering and stops at the first hit, instead
      // of hashing every upcoming session (see bench/README.md).
      conditions.push(`EXISTS (
          SELECT 1 FROM sessions
           WHERE o.kind = 'training' AND offering_id = o.id AND status = 'scheduled'
             AND starts_at >= ${from} ${to} ${seats}
          UNION ALL
          SELECT 1 FROM consultation_slots
           WHERE o.kind = 'consultation' AND offering_id = o.id AND status = 'open'
             AND starts_at >= ${from} ${to})`);
    }
    return conditions.join(' AND ');
  }
}
