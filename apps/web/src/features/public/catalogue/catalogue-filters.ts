import type { paths } from '../../../api/schema';
import { parseEuros } from '../../../lib/format';
import { DELIVERY_MODES, PACA_DEPARTMENTS, type DeliveryMode } from '../labels';

export type SearchQuery = NonNullable<paths['/api/offerings']['get']['parameters']['query']>;

/**
 * The catalogue's filters as they live in the URL query string, so that a search can be shared
 * and the back button returns to the previous one. Names match the api's query parameters.
 */
export interface CatalogueFilters {
  q: string;
  category: string;
  department: string;
  mode: DeliveryMode | '';
  /** YYYY-MM-DD, Paris dates. */
  from: string;
  to: string;
  maxPriceCents: number | null;
  available: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads the filters from a URL; values a hand-edited URL gets wrong are dropped, not sent. */
export function filtersFromParams(params: URLSearchParams): CatalogueFilters {
  const department = params.get('department') ?? '';
  const mode = params.get('mode') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const maxPrice = params.get('maxPriceCents') ?? '';
  return {
    q: (params.get('q') ?? '').trim(),
    category: params.get('category') ?? '',
    department: (PACA_DEPARTMENTS as readonly string[]).includes(department) ? department : '',
    mode: (DELIVERY_MODES as readonly string[]).includes(mode) ? (mode as DeliveryMode) : '',
    from: DATE.test(from) ? from : '',
    to: DATE.test(to) ? to : '',
    maxPriceCents: /^\d{1,9}$/.test(maxPrice) ? Number(maxPrice) : null,
    available: params.get('available') === 'true',
  };
}

/** The URL query string of some filters, without the empty ones. */
export function filtersToParams(filters: CatalogueFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.category) params.set('category', filters.category);
  if (filters.department) params.set('department', filters.department);
  if (filters.mode) params.set('mode', filters.mode);
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  if (filters.maxPriceCents !== null) params.set('maxPriceCents', String(filters.maxPriceCents));
  if (filters.available) params.set('available', 'true');
  return params;
}

/** Whether filters beyond the keywords and the category are in use. */
export function usesMoreFilters(filters: CatalogueFilters): boolean {
  return Boolean(
    filters.department ||
    filters.mode ||
    filters.from ||
    filters.to ||
    filters.maxPriceCents !== null ||
    filters.available,
  );
}

/** The api's search query for some filters. */
export function searchQuery(filters: CatalogueFilters, cursor?: string): SearchQuery {
  return {
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.category ? { category: filters.category } : {}),
    ...(filters.department ? { department: filters.department } : {}),
    ...(filters.mode ? { mode: filters.mode } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    ...(filters.maxPriceCents !== null ? { maxPriceCents: filters.maxPriceCents } : {}),
    ...(filters.available ? { available: true } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

/** The filter form as typed: the price is text in euros ("80", "120,50"). */
export interface FilterForm {
  q: string;
  department: string;
  mode: DeliveryMode | '';
  from: string;
  to: string;
  maxPrice: string;
  available: boolean;
}

/** Whole euros as a person types them: 8000 → "80", 12050 → "120,50". */
export function euroText(cents: number): string {
  const euros = Math.floor(cents / 100);
  const rest = cents % 100;
  return rest === 0 ? String(euros) : `${euros},${String(rest).padStart(2, '0')}`;
}

export function formFromFilters(filters: CatalogueFilters): FilterForm {
  return {
    q: filters.q,
    department: filters.department,
    mode: filters.mode,
    from: filters.from,
    to: filters.to,
    maxPrice: filters.maxPriceCents === null ? '' : euroText(filters.maxPriceCents),
    available: filters.available,
  };
}

export type FilterFormErrors = Partial<Record<'maxPrice' | 'to', string>>;

/**
 * The filters a submitted form asks for, keeping the chosen category (picked from the facets),
 * or the errors to show next to the fields. Errors use the api's wording, which the fields
 * translate like the api's own.
 */
export function filtersFromForm(
  form: FilterForm,
  category: string,
): { filters: CatalogueFilters; errors: null } | { filters: null; errors: FilterFormErrors } {
  const errors: FilterFormErrors = {};
  const price = form.maxPrice.trim();
  const maxPriceCents = price ? parseEuros(price) : null;
  if (price && maxPriceCents === null) errors.maxPrice = 'must be a number';
  if (form.from && form.to && form.to < form.from) errors.to = 'date must not be before the start';
  if (Object.keys(errors).length > 0) return { filters: null, errors };
  return {
    filters: {
      q: form.q.trim(),
      category,
      department: form.department,
      mode: form.mode,
      from: form.from,
      to: form.to,
      maxPriceCents,
      available: form.available,
    },
    errors: null,
  };
}
