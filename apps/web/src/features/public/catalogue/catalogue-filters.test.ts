import { describe, expect, it } from 'vitest';
import {
  euroText,
  filtersFromForm,
  filtersFromParams,
  filtersToParams,
  formFromFilters,
  searchQuery,
  type CatalogueFilters,
  usesMoreFilters,
} from './catalogue-filters';

const NONE: CatalogueFilters = {
  q: '',
  category: '',
  department: '',
  mode: '',
  from: '',
  to: '',
  maxPriceCents: null,
  available: false,
};

describe('catalogue filters in the URL', () => {
  it('reads every filter back from the query string it wrote', () => {
    const filters: CatalogueFilters = {
      q: 'formation employeur',
      category: 'formation',
      department: '06',
      mode: 'hybrid',
      from: '2027-01-01',
      to: '2027-03-31',
      maxPriceCents: 20050,
      available: true,
    };
    expect(filtersFromParams(filtersToParams(filters))).toEqual(filters);
  });

  it('leaves empty filters out of the URL', () => {
    expect(filtersToParams({ ...NONE, q: 'statuts' }).toString()).toBe('q=statuts');
    expect(filtersToParams(NONE).toString()).toBe('');
  });

  it('drops what a hand-edited URL gets wrong instead of sending it to the api', () => {
    const filters = filtersFromParams(
      new URLSearchParams(
        'department=75&mode=bike&from=demain&to=2027-13&maxPriceCents=12.5&available=yes',
      ),
    );
    expect(filters).toEqual(NONE);
  });
});

describe('the api query of the filters', () => {
  it('sends only the filters in use, with the cursor of the next page', () => {
    expect(
      searchQuery({ ...NONE, department: '06', maxPriceCents: 0, available: true }, 'abc'),
    ).toEqual({ department: '06', maxPriceCents: 0, available: true, cursor: 'abc' });
    expect(searchQuery(NONE)).toEqual({});
  });
});

describe('the filter form', () => {
  it('shows a price in euros as people type it', () => {
    expect(euroText(8000)).toBe('80');
    expect(euroText(12050)).toBe('120,50');
    expect(euroText(5)).toBe('0,05');
    expect(formFromFilters({ ...NONE, maxPriceCents: 15000 }).maxPrice).toBe('150');
  });

  it('turns a typed price into cents and keeps the chosen category', () => {
    const form = { ...formFromFilters(NONE), q: '  paie ', maxPrice: '120,50 €' };
    expect(filtersFromForm(form, 'ressources-humaines')).toEqual({
      filters: { ...NONE, q: 'paie', category: 'ressources-humaines', maxPriceCents: 12050 },
      errors: null,
    });
  });

  it('refuses a price that is not an amount and an end before the start', () => {
    const form = {
      ...formFromFilters(NONE),
      maxPrice: 'cher',
      from: '2027-02-01',
      to: '2027-01-31',
    };
    const result = filtersFromForm(form, '');
    expect(result.filters).toBeNull();
    expect(Object.keys(result.errors ?? {}).sort()).toEqual(['maxPrice', 'to']);
  });
});

describe('more filters', () => {
  it('are in use with any filter but the keywords and the category', () => {
    expect(usesMoreFilters({ ...NONE, q: 'paie', category: 'formation' })).toBe(false);
    expect(usesMoreFilters({ ...NONE, maxPriceCents: 0 })).toBe(true);
    expect(usesMoreFilters({ ...NONE, available: true })).toBe(true);
  });
});
