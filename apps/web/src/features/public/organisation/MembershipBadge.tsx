import { useTranslation } from 'react-i18next';
import type { components } from '../../../api/schema';
import { StatusBadge } from '../../../components/StatusBadge';
import { MEMBERSHIP_TONES } from '../../admin/MembershipBadge';

/** The adhésion of a year in words: active, awaiting the Chambre, lapsed, or none. */
export function MembershipBadge({
  membership,
}: {
  membership: components['schemas']['MembershipSummaryDto'] | null;
}) {
  const { t } = useTranslation('public');
  if (!membership) return <StatusBadge>{t('membership.none')}</StatusBadge>;
  return (
    <StatusBadge tone={MEMBERSHIP_TONES[membership.status]}>
      {t('membership.ofYear', {
        year: membership.year,
        status: t(`membership.status.${membership.status}`),
      })}
    </StatusBadge>
  );
}
