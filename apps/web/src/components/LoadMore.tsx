import { useTranslation } from 'react-i18next';

interface NextPageQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/** "Afficher plus" under a cursor-paged list (a TanStack infinite query); nothing on the last page. */
export function LoadMore({ query, onLoad }: { query: NextPageQuery; onLoad?: () => void }) {
  const { t } = useTranslation();
  if (!query.hasNextPage) return null;
  return (
    <p>
      <button
        type="button"
        className="button button-secondary"
        disabled={query.isFetchingNextPage}
        onClick={() => {
          onLoad?.();
          void query.fetchNextPage();
        }}
      >
        {query.isFetchingNextPage ? t('status.loading') : t('actions.loadMore')}
      </button>
    </p>
  );
}
