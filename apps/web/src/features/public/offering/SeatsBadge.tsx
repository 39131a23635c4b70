import { useTranslation } from 'react-i18next';
import type { Availability } from './offering-facts';
import { StatusBadge } from '../../../components/StatusBadge';

/** Seats left on a session, "Complet — liste d'attente" when full, or closed registrations. */
export function SeatsBadge({
  availability,
  seatsLeft,
}: {
  availability: Availability;
  seatsLeft: number;
}) {
  const { t } = useTranslation('public');
  if (availability === 'closed') return <StatusBadge>{t('seats.closed')}</StatusBadge>;
  if (availability === 'full') return <StatusBadge tone="warn">{t('seats.full')}</StatusBadge>;
  return (
    <StatusBadge tone={seatsLeft <= 3 ? 'warn' : 'ok'}>
      {t('seats.left', { count: seatsLeft })}
    </StatusBadge>
  );
}
