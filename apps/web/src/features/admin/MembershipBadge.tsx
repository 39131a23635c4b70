import { useTranslation } from 'react-i18next';
import type { MembershipStatus } from './membership';

const BADGES: Record<MembershipStatus, string> = {
  active: 'badge badge-ok',
  pending: 'badge badge-warn',
  lapsed: 'badge badge-danger',
};

/** An adhésion status in words (never by colour alone), with its year when given. */
export function MembershipBadge({ status, year }: { status: MembershipStatus; year?: number }) {
  const { t } = useTranslation('admin');
  const label = t(`membership.status.${status}`);
  return <span className={BADGES[status]}>{year ? `${label} (${year})` : label}</span>;
}
