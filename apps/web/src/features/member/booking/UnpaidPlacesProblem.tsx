import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Problem } from '../../../api/problem';

/** The facts the api adds to an `unpaid_places_limit` problem (RFC 9457 extension members). */
interface UnpaidPlacesFacts {
  scope: 'organisation' | 'user';
  limit: number;
  held: number;
  requested: number;
}

function factsOf(problem: Problem): UnpaidPlacesFacts | null {
  const facts = problem as Problem & Partial<UnpaidPlacesFacts>;
  const numbers = [facts.limit, facts.held, facts.requested];
  if (
    (facts.scope !== 'organisation' && facts.scope !== 'user') ||
    !numbers.every((value) => typeof value === 'number')
  ) {
    return null;
  }
  return facts as UnpaidPlacesFacts;
}

/**
 * Why a booking was refused for holding too many unpaid places, in the member's words: how many
 * are held, the limit, what this booking asked, and how to free places (pay or cancel).
 */
export function UnpaidPlacesProblem({ problem }: { problem: Problem }) {
  const { t } = useTranslation('member');
  const facts = factsOf(problem);
  const remaining = facts ? Math.max(0, facts.limit - facts.held) : 0;
  return (
    <div className="alert alert-error" role="alert">
      {facts ? (
        <>
          <p>
            {t(`book.unpaidPlaces.${facts.scope}`, {
              count: facts.held,
              limit: facts.limit,
              requested: facts.requested,
            })}
          </p>
          {remaining > 0 ? <p>{t('book.unpaidPlaces.remaining', { count: remaining })}</p> : null}
          <p>{t('book.unpaidPlaces.free')}</p>
        </>
      ) : (
        <p>{t('book.unpaidPlaces.generic')}</p>
      )}
      <p>
        <Link to="/bookings?status=pending_payment">{t('book.unpaidPlaces.link')}</Link>
      </p>
    </div>
  );
}
