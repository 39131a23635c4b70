import { useTranslation } from 'react-i18next';
import { StatusBadge } from '../../../components/StatusBadge';
import { YEAR_STATUS_TONES } from '../../member/membership/membership';
import type { YearStatus } from './types';

/** A year's adhésion status in words (cancelled included), for the admin's tables. */
export function YearStatusBadge({ status }: { status: YearStatus }) {
  const { t } = useTranslation('membership');
  return <StatusBadge tone={YEAR_STATUS_TONES[status]}>{t(`admin.status.${status}`)}</StatusBadge>;
}
