import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Loading } from '../../../components/Loading';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { categoryLabel } from '../labels';
import { useCatalogueSearch } from '../public-queries';
import { filtersFromParams, filtersToParams } from './catalogue-filters';
import { FilterPanel } from './FilterPanel';
import { OfferingResult } from './OfferingResult';

/** `/`: the catalogue search; its filters live in the URL. */
export function CataloguePage() {
  const { t, i18n } = useTranslation('public');
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const queryString = filtersToParams(filters).toString();

  const search = useCatalogueSearch(filters, queryString);

  const first = search.data?.pages[0];
  const items = search.data?.pages.flatMap((page) => page.items) ?? [];

  // "Afficher plus" moves the keyboard focus to the first result it added, so that it is not
  // lost when the button goes away after the last page.
  const list = useRef<HTMLUListElement>(null);
  const focusFrom = useRef<number | null>(null);
  useEffect(() => {
    if (focusFrom.current === null || items.length <= focusFrom.current) return;
    list.current?.querySelectorAll<HTMLAnchorElement>('h3 a')[focusFrom.current]?.focus();
    focusFrom.current = null;
  }, [items.length]);
  const facets = first?.facets.categories ?? [];
  const labels = new Map(facets.map((facet) => [facet.slug, categoryLabel(facet, i18n.language)]));

  /** The catalogue's URL with one category chosen (or none), the other filters kept. */
  function categoryLink(slug: string): string {
    const next = filtersToParams({ ...filters, category: slug }).toString();
    return next ? `/?${next}` : '/';
  }

  return (
    <>
      <PageTitle>{t('catalogue.title')}</PageTitle>
      <p>{t('catalogue.intro')}</p>
      <FilterPanel
        key={queryString}
        filters={filters}
        onApply={(next) => setParams(filtersToParams(next))}
      />

      <p role="status" aria-live="polite" className="result-count">
        {first ? t('catalogue.total', { count: first.total }) : ''}
      </p>
      {search.isPending ? <Loading /> : null}
      <ProblemAlert error={search.error} />

      {first ? (
        <>
          <nav aria-labelledby="catalogue-categories">
            <h2 id="catalogue-categories">{t('catalogue.categories')}</h2>
            <ul className="plain-list row facet-list">
              <li>
                <Link
                  to={categoryLink('')}
                  aria-current={filters.category === '' ? 'true' : undefined}
                >
                  {t('catalogue.allCategories')}
                </Link>
              </li>
              {facets
                .filter((facet) => facet.count > 0 || facet.slug === filters.category)
                .map((facet) => (
                  <li key={facet.slug}>
                    <Link
                      to={categoryLink(facet.slug)}
                      aria-current={filters.category === facet.slug ? 'true' : undefined}
                    >
                      {t('catalogue.facet', {
                        label: categoryLabel(facet, i18n.language),
                        count: facet.count,
                      })}
                    </Link>
                  </li>
                ))}
            </ul>
          </nav>

          <h2>{t('catalogue.results')}</h2>
          {items.length === 0 ? (
            <p>{t('catalogue.noResult')}</p>
          ) : (
            <ul ref={list} className="plain-list results" aria-busy={search.isFetchingNextPage}>
              {items.map((offering) => (
                <OfferingResult
                  key={offering.id}
                  offering={offering}
                  categoryLabel={labels.get(offering.categorySlug) ?? offering.categorySlug}
                  catalogueSearch={params.toString()}
                />
              ))}
            </ul>
          )}
          {search.hasNextPage ? (
            <button
              type="button"
              className="button button-secondary"
              disabled={search.isFetchingNextPage}
              onClick={() => {
                focusFrom.current = items.length;
                void search.fetchNextPage();
              }}
            >
              {search.isFetchingNextPage
                ? t('status.loading', { ns: 'common' })
                : t('actions.loadMore', { ns: 'common' })}
            </button>
          ) : null}
        </>
      ) : null}
    </>
  );
}
