import { useTranslation } from 'react-i18next';
import { StatusBadge, type BadgeTone } from '../../../components/StatusBadge';
import { YEAR_STATUS_TONES } from '../../member/membership/membership';
import type { MemberStanding, YearStatus } from './types';

/** A year's adhésion status in words (cancelled included), for the admin's tables. */
export function YearStatusBadge({ status }: { status: YearStatus }) {
  const { t } = useTranslation('membership');
  return <StatusBadge tone={YEAR_STATUS_TONES[status]}>{t(`admin.status.${status}`)}</StatusBadge>;
}

const STANDING_TONES: Record<MemberStanding, BadgeTone> = {
  paid: 'ok',
  unpaid: 'warn',
  lapsed: 'danger',
  cancelled: 'neutral',
};

/** A member's standing in a year: paid, unpaid, lapsed or cancelled. */
export function StandingBadge({ standing }: { standing: MemberStanding }) {
  const { t } = useTranslation('membership');
  return (
    <StatusBadge tone={STANDING_TONES[standing]}>
      {t(`admin.members.standing.${standing}`)}
    </StatusBadge>
  );
}
