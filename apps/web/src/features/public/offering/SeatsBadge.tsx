import { useTranslation } from 'react-i18next';
import type { Availability } from './offering-facts';

/** Seats left on a session, "Complet — liste d'attente" when full, or closed registrations. */
export function SeatsBadge({
  availability,
  seatsLeft,
}: {
  availability: Availability;
  seatsLeft: number;
}) {
  const { t } = useTranslation('public');
  if (availability === 'closed') return <span className="badge">{t('seats.closed')}</span>;
  if (availability === 'full') return <span className="badge badge-warn">{t('seats.full')}</span>;
  return (
    <span className={seatsLeft <= 3 ? 'badge badge-warn' : 'badge badge-ok'}>
      {t('seats.left', { count: seatsLeft })}
    </span>
  );
}
