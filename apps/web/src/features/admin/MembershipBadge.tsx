import { useTranslation } from 'react-i18next';
import type { MembershipStatus } from './types';
import { StatusBadge, type BadgeTone } from '../../components/StatusBadge';

export const MEMBERSHIP_TONES: Record<MembershipStatus, BadgeTone> = {
  active: 'ok',
  pending: 'warn',
  lapsed: 'danger',
  // A member who left (its renewal cancelled by a credit note).
  cancelled: 'neutral',
};

/** An adhésion status in words (never by colour alone), with its year when given. */
export function MembershipBadge({ status, year }: { status: MembershipStatus; year?: number }) {
  const { t } = useTranslation('admin');
  const label = t(`membership.status.${status}`);
  return (
    <StatusBadge tone={MEMBERSHIP_TONES[status]}>{year ? `${label} (${year})` : label}</StatusBadge>
  );
}
