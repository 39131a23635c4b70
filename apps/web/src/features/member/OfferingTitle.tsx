import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';

/**
 * A booking carries its offering's id only; the title comes from the catalogue (cached, so a list
 * of bookings asks once per offering). An offering no longer readable shows a neutral label.
 */
export function OfferingTitle({ offeringId }: { offeringId: string }) {
  const { t } = useTranslation('member');
  const offering = useQuery({
    queryKey: ['offerings', offeringId, 'title'],
    queryFn: async () =>
      unwrap(await api.GET('/api/offerings/{id}', { params: { path: { id: offeringId } } })),
    staleTime: 5 * 60_000,
    select: (data) => data.title,
  });
  return <>{offering.data ?? t('bookings.offeringFallback')}</>;
}
