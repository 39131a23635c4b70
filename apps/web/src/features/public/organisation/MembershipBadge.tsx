import { useTranslation } from 'react-i18next';
import type { components } from '../../../api/schema';

const TONE = {
  active: 'badge badge-ok',
  pending: 'badge badge-warn',
  lapsed: 'badge badge-danger',
};

/** The adhésion of a year in words: active, awaiting the Chambre, lapsed, or none. */
export function MembershipBadge({
  membership,
}: {
  membership: components['schemas']['MembershipSummaryDto'] | null;
}) {
  const { t } = useTranslation('public');
  if (!membership) return <span className="badge">{t('membership.none')}</span>;
  return (
    <span className={TONE[membership.status]}>
      {t('membership.ofYear', {
        year: membership.year,
        status: t(`membership.status.${membership.status}`),
      })}
    </span>
  );
}
