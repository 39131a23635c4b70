import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { LoadMore } from '../../components/LoadMore';
import { Link } from 'react-router';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { formatDate } from '../../lib/format';
import { useMyOfferings } from './consultant-queries';
import { OFFERING_TONES } from './offering-status';
import './consultant.css';
import { StatusBadge } from '../../components/StatusBadge';

/** The consultant's offerings in every status; a rejection's reason is what they must act on. */
export function OfferingsPage() {
  const { t, i18n } = useTranslation('consultant');
  const offerings = useMyOfferings();
  const items = offerings.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section>
      <div className="spread">
        <PageTitle>{t('list.title')}</PageTitle>
        <div className="row">
          <Link to="/consultant/profile">{t('list.profile')}</Link>
          <Link to="/consultant/offerings/new" className="button">
            {t('list.new')}
          </Link>
        </div>
      </div>
      {offerings.isPending ? <Loading /> : null}
      <ProblemAlert ns="consultant" error={offerings.error} />
      {offerings.isSuccess && items.length === 0 ? <p className="card">{t('list.empty')}</p> : null}
      <ul className="grid consultant-list" aria-label={t('list.title')}>
        {items.map((offering) => (
          <li key={offering.id}>
            <article className="card stack" aria-labelledby={`offering-${offering.id}`}>
              <h2 id={`offering-${offering.id}`}>
                <Link to={`/consultant/offerings/${offering.id}`}>{offering.title}</Link>
              </h2>
              <p className="row">
                <StatusBadge tone={OFFERING_TONES[offering.status]}>
                  {t(`status.${offering.status}`)}
                </StatusBadge>
                <span className="muted">{t(`kind.${offering.kind}`)}</span>
              </p>
              {offering.status === 'rejected' ? (
                <div className="alert alert-error consultant-rejection">
                  <p className="alert-title">{t('list.rejectedBecause')}</p>
                  <p>{offering.rejectionReason ?? t('list.noReason')}</p>
                  <p>{t('list.rejectedNext')}</p>
                </div>
              ) : null}
              <p className="muted">
                {t('list.updated', { date: formatDate(offering.updatedAt, i18n.language) })}
              </p>
            </article>
          </li>
        ))}
      </ul>
      <LoadMore query={offerings} />
    </section>
  );
}
