import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { inactiveReason, parisYear } from './membership';
import { useMembershipYears } from './membership-queries';

/**
 * Said on the booking page before booking: the organisation's adhésion for the service date's
 * year is not active (none, awaiting payment, lapsed, cancelled), so the non-member price
 * applies, with the way to the Adhésion page. Nothing when the member price applies.
 */
export function MembershipNotice({
  organisationId,
  serviceStartsAt,
  memberPrice,
}: {
  organisationId: string;
  serviceStartsAt: string;
  memberPrice: boolean;
}) {
  const { t } = useTranslation('membership');
  const years = useMembershipYears(memberPrice ? undefined : organisationId);
  if (memberPrice) return null;
  const year = parisYear(serviceStartsAt);
  // The price already says non-member; without the years (an error) the reason stays unsaid.
  const reason = years.data ? inactiveReason(years.data, year) : null;
  if (years.isPending) return null;
  return (
    <div className="alert membership-notice" role="note" aria-labelledby="membership-notice-title">
      <p className="alert-title" id="membership-notice-title">
        {t('notice.title', { year })}
      </p>
      {reason ? <p>{t(`notice.reason.${reason}`, { year })}</p> : null}
      <p>
        <Link to={`/membership?organisation=${organisationId}`}>{t('notice.link')}</Link>
      </p>
    </div>
  );
}
