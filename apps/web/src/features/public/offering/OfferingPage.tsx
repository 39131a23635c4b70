import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { useMe } from '../../../auth/session';
import { Loading } from '../../../components/Loading';
import { Money } from '../../../components/Money';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDateTime } from '../../../lib/format';
import { estimatePrice } from '../../../lib/price';
import { categoryLabel, useDepartmentsText } from '../labels';
import { useCategories, usePublicOffering } from '../public-queries';
import {
  bookingPath,
  cancellationPolicyLines,
  durationPhrase,
  sessionAvailability,
} from './offering-facts';
import { SeatsBadge } from './SeatsBadge';
import { formatTime } from './time';
import { StatusBadge } from '../../../components/StatusBadge';
import { ProgrammeSections } from '../../training/programme/ProgrammeSections';

/** Consultation slots shown before "show all": a weekly pattern opens dozens. */
const SLOTS_SHOWN = 8;

/** `/offerings/:id`: an offering, its prices and conditions, and what can be booked. */
export function OfferingPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('public');
  const location = useLocation();
  const { signedIn } = useMe();
  const categories = useCategories();
  const departmentsText = useDepartmentsText();
  const [allSlots, setAllSlots] = useState(false);
  const offering = usePublicOffering(id);

  const from = (location.state as { catalogueSearch?: string } | null)?.catalogueSearch;
  const back = (
    <p>
      <Link to={from ? `/?${from}` : '/'}>{t('offering.back')}</Link>
    </p>
  );
  if (offering.isPending) return <Loading />;
  if (offering.isError) {
    return (
      <>
        <PageTitle>{t('offering.notFoundTitle')}</PageTitle>
        <ProblemAlert error={offering.error} />
        {back}
      </>
    );
  }

  const o = offering.data;
  const language = i18n.language;
  const category = categories.data?.find((c) => c.slug === o.categorySlug);
  const duration = durationPhrase(o.durationMinutes);
  const yourPrice = estimatePrice(o.price.unitPriceCents, 1, o.vatTreatment, o.price.memberPrice);
  const now = new Date();
  const slots = allSlots ? o.freeSlots : o.freeSlots.slice(0, SLOTS_SHOWN);

  return (
    <>
      {back}
      <PageTitle>{o.title}</PageTitle>
      <p className="row">
        {category ? <StatusBadge>{categoryLabel(category, language)}</StatusBadge> : null}
        {category && categoryLabel(category, language) === t(`kinds.${o.kind}`) ? null : (
          <StatusBadge>{t(`kinds.${o.kind}`)}</StatusBadge>
        )}
        <span>{t(`modes.${o.deliveryMode}`)}</span>
      </p>
      <p>{o.summary}</p>

      <div className="offering-layout">
        <div>
          <section aria-labelledby="offering-description">
            <h2 id="offering-description">{t('offering.description')}</h2>
            {/* The api renders the markdown with raw HTML escaped and unsafe links refused
                (libs/catalogue/src/services/markdown.ts), so it is safe to insert as is. */}
            <div className="description" dangerouslySetInnerHTML={{ __html: o.descriptionHtml }} />
          </section>

          {o.kind === 'training' ? (
            <ProgrammeSections offeringId={o.id} pedagogy={o.pedagogy} />
          ) : null}

          {o.kind === 'training' ? (
            <section aria-labelledby="offering-sessions">
              <h2 id="offering-sessions">{t('offering.sessions')}</h2>
              {o.upcomingSessions.length === 0 ? (
                <p>{t('offering.noSession')}</p>
              ) : (
                <ul className="plain-list">
                  {o.upcomingSessions.map((session) => {
                    const availability = sessionAvailability(session, now);
                    const when = t('offering.when', {
                      start: formatDateTime(session.startsAt, language),
                      end: formatTime(session.endsAt, language),
                    });
                    return (
                      <li key={session.id} className="card">
                        <h3 className="result-title">{when}</h3>
                        <dl className="facts">
                          <dt>{t('offering.place')}</dt>
                          <dd>{session.location ?? t('offering.remotePlace')}</dd>
                          <dt>{t('offering.seats')}</dt>
                          <dd>
                            <SeatsBadge availability={availability} seatsLeft={session.seatsLeft} />
                          </dd>
                          <dt>{t('offering.sessionPrice')}</dt>
                          <dd>
                            <Money cents={session.price.unitPriceCents} />{' '}
                            {t('money.exclVat', { ns: 'common' })}
                          </dd>
                          <dt>{t('offering.deadline')}</dt>
                          <dd>{formatDateTime(session.registrationDeadline, language)}</dd>
                        </dl>
                        {availability !== 'closed' ? (
                          <p>
                            <Link
                              className="button"
                              to={bookingPath(o.id, { sessionId: session.id })}
                            >
                              {t('offering.book')}
                              <span className="visually-hidden"> {when}</span>
                            </Link>
                          </p>
                        ) : null}
                      </li>
                    );
                  })}
                </ul>
              )}
            </section>
          ) : (
            <section aria-labelledby="offering-slots">
              <h2 id="offering-slots">{t('offering.slots')}</h2>
              {o.freeSlots.length === 0 ? (
                <p>{t('offering.noSlot')}</p>
              ) : (
                <>
                  <ul id="offering-slot-list" className="plain-list stack">
                    {slots.map((slot) => {
                      const when = t('offering.when', {
                        start: formatDateTime(slot.startsAt, language),
                        end: formatTime(slot.endsAt, language),
                      });
                      return (
                        <li key={slot.id} className="spread">
                          <span>{when}</span>
                          <Link
                            className="button button-small"
                            to={bookingPath(o.id, { slotId: slot.id })}
                          >
                            {t('offering.book')}
                            <span className="visually-hidden"> {when}</span>
                          </Link>
                        </li>
                      );
                    })}
                  </ul>
                  {o.freeSlots.length > SLOTS_SHOWN ? (
                    <p>
                      <button
                        type="button"
                        className="button button-secondary"
                        aria-expanded={allSlots}
                        aria-controls="offering-slot-list"
                        onClick={() => setAllSlots(!allSlots)}
                      >
                        {allSlots
                          ? t('offering.fewerSlots')
                          : t('offering.allSlots', { count: o.freeSlots.length })}
                      </button>
                    </p>
                  ) : null}
                </>
              )}
            </section>
          )}
        </div>

        <aside aria-label={t('offering.aside')}>
          <section aria-labelledby="offering-price" className="card">
            <h2 id="offering-price">{t('offering.prices')}</h2>
            <p>
              {t('offering.yourPriceLabel')}{' '}
              <span className="price-now">
                <Money cents={yourPrice.unitPriceCents} />
              </span>{' '}
              {t('money.exclVat', { ns: 'common' })}
              <br />
              <span className="muted">
                {o.price.memberPrice ? t('price.memberRate') : t('price.nonMemberRate')}
                {yourPrice.vatRateBasisPoints > 0 ? (
                  <>
                    {' · '}
                    {t('price.thatIs')} <Money cents={yourPrice.totalInclVatCents} />{' '}
                    {t('money.inclVat', { ns: 'common' })}
                  </>
                ) : null}
              </span>
            </p>
            {!signedIn ? (
              <p className="muted">
                <Link to={`/login?next=${encodeURIComponent(location.pathname)}`}>
                  {t('offering.signInForPrice')}
                </Link>
              </p>
            ) : null}
            <dl className="facts">
              <dt>{t('price.member')}</dt>
              <dd>
                <Money cents={o.memberPriceCents} /> {t('money.exclVat', { ns: 'common' })}
              </dd>
              <dt>{t('price.nonMember')}</dt>
              <dd>
                <Money cents={o.nonMemberPriceCents} /> {t('money.exclVat', { ns: 'common' })}
              </dd>
            </dl>
            <p>{t(`vat.long.${o.vatTreatment}`)}</p>
          </section>

          <section aria-labelledby="offering-practical">
            <h2 id="offering-practical">{t('offering.practical')}</h2>
            <dl className="facts">
              <dt>{t('offering.duration')}</dt>
              <dd>{t(duration.key, duration.values)}</dd>
              <dt>{t('offering.mode')}</dt>
              <dd>{t(`modes.${o.deliveryMode}`)}</dd>
              <dt>{t('offering.departments')}</dt>
              <dd>{departmentsText(o.departments)}</dd>
              {o.maxSeatsPerOrganisation !== null ? (
                <>
                  <dt>{t('offering.maxSeats')}</dt>
                  <dd>{t('offering.maxSeatsValue', { count: o.maxSeatsPerOrganisation })}</dd>
                </>
              ) : null}
            </dl>
          </section>

          <section aria-labelledby="offering-policy">
            <h2 id="offering-policy">{t('offering.policy')}</h2>
            <ul>
              {cancellationPolicyLines(o.cancellationPolicy).map((line) => (
                <li key={line.key + JSON.stringify(line.values)}>{t(line.key, line.values)}</li>
              ))}
            </ul>
          </section>

          <section aria-labelledby="offering-consultant">
            <h2 id="offering-consultant">{t('offering.consultant')}</h2>
            <p>{o.consultant.bio || t('offering.noBio')}</p>
            {o.consultant.expertise.length > 0 ? (
              <p>
                {t('offering.expertiseLabel')} {o.consultant.expertise.join(', ')}
              </p>
            ) : null}
          </section>
        </aside>
      </div>
    </>
  );
}
