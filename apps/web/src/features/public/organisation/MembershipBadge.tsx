import { useTranslation } from 'react-i18next';
import { StatusBadge } from '../../../components/StatusBadge';
import { MEMBERSHIP_TONES } from '../../admin/MembershipBadge';
import type { MembershipSummary } from '../types';

/** The adhésion of a year in words: active, awaiting the Chambre, lapsed, or none. */
export function MembershipBadge({ membership }: { membership: MembershipSummary | null }) {
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
