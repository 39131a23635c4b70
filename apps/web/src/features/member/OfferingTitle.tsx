import { useTranslation } from 'react-i18next';
import { useOfferingTitle } from './member-queries';

/**
 * A booking carries its offering's id only; the title comes from the catalogue (cached, so a list
 * of bookings asks once per offering). An offering no longer readable shows a neutral label.
 */
export function OfferingTitle({ offeringId }: { offeringId: string }) {
  const { t } = useTranslation('member');
  const offering = useOfferingTitle(offeringId);
  return <>{offering.data ?? t('bookings.offeringFallback')}</>;
}
