import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/format';
import { useDepartmentsText } from '../labels';
import { durationPhrase, sessionAvailability } from '../offering/offering-facts';
import { PriceLine } from '../offering/PriceLine';
import { SeatsBadge } from '../offering/SeatsBadge';
import { StatusBadge } from '../../../components/StatusBadge';
import type { OfferingSummary } from '../types';

/** One offering in the search results, with its next dates and the visitor's price. */
export function OfferingResult({
  offering,
  categoryLabel,
  catalogueSearch,
}: {
  offering: OfferingSummary;
  categoryLabel: string;
  /** The catalogue's query string, so that the offering page can lead back to these results. */
  catalogueSearch: string;
}) {
  const { t, i18n } = useTranslation('public');
  const departmentsText = useDepartmentsText();
  const duration = durationPhrase(offering.durationMinutes);
  const now = new Date();
  return (
    <li className="card">
      <h3 className="result-title">
        <Link to={`/offerings/${offering.id}`} state={{ catalogueSearch }}>
          {offering.title}
        </Link>
      </h3>
      <p className="row">
        <StatusBadge>{categoryLabel}</StatusBadge>
        {t(`kinds.${offering.kind}`) !== categoryLabel ? (
          <StatusBadge>{t(`kinds.${offering.kind}`)}</StatusBadge>
        ) : null}
        <span>{t(`modes.${offering.deliveryMode}`)}</span>
      </p>
      <p>{offering.summary}</p>
      <dl className="facts">
        <dt>{t('offering.departments')}</dt>
        <dd>{departmentsText(offering.departments)}</dd>
        <dt>{t('offering.duration')}</dt>
        <dd>{t(duration.key, duration.values)}</dd>
        <dt>{t('offering.yourPrice')}</dt>
        <dd>
          <PriceLine
            price={offering.price}
            memberPriceCents={offering.memberPriceCents}
            vatTreatment={offering.vatTreatment}
          />
        </dd>
      </dl>
      {offering.nextSessions.length > 0 ? (
        <>
          <h4 className="result-subtitle">{t('catalogue.nextSessions')}</h4>
          <ul className="plain-list stack">
            {offering.nextSessions.map((session) => (
              <li key={session.id} className="row">
                <span>{formatDateTime(session.startsAt, i18n.language)}</span>
                <SeatsBadge
                  availability={sessionAvailability(session, now)}
                  seatsLeft={session.seatsLeft}
                />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {offering.nextSlots.length > 0 ? (
        <>
          <h4 className="result-subtitle">{t('catalogue.nextSlots')}</h4>
          <ul className="plain-list">
            {offering.nextSlots.map((slot) => (
              <li key={slot.id}>{formatDateTime(slot.startsAt, i18n.language)}</li>
            ))}
          </ul>
        </>
      ) : null}
      {offering.kind === 'training' && offering.nextSessions.length === 0 ? (
        <p className="muted">{t('catalogue.noSession')}</p>
      ) : null}
    </li>
  );
}
