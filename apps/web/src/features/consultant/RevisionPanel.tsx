import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/schema';
import { Money } from '../../components/Money';
import { formatDateTime } from '../../lib/format';
import './consultant.css';

type Revision = components['schemas']['OfferingRevisionDto'];
type ModeratedField = Revision['changedFields'][number];
/** The live values of the moderated fields (the published offering). */
type Live = Pick<components['schemas']['OfferingDto'], ModeratedField>;

const PRICES = new Set<ModeratedField>(['memberPriceCents', 'nonMemberPriceCents']);

function Value({ field, value }: { field: ModeratedField; value: string | number }) {
  if (PRICES.has(field)) return <Money cents={Number(value)} />;
  return <span className="revision-text">{String(value)}</span>;
}

/** Live and proposed values of the fields a revision changes, side by side. */
export function RevisionComparison({
  live,
  revision,
  caption,
}: {
  live: Live;
  revision: Revision;
  caption: string;
}) {
  const { t } = useTranslation('consultant');
  return (
    <div className="table-wrap">
      <table className="revision-comparison">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('revision.field')}</th>
            <th scope="col">{t('revision.live')}</th>
            <th scope="col">{t('revision.proposed')}</th>
          </tr>
        </thead>
        <tbody>
          {revision.changedFields.map((field) => (
            <tr key={field}>
              <th scope="row">{t(`revision.fields.${field}`)}</th>
              <td>
                <Value field={field} value={live[field]} />
              </td>
              <td>
                <Value field={field} value={revision[field]} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * On the consultant's offering page: the changes awaiting the Chambre's review, or the latest
 * ones it refused and why. The published version above stays live either way.
 */
export function RevisionPanel({
  live,
  pending,
  rejected,
}: {
  live: Live;
  pending: Revision | null;
  rejected: Revision | null;
}) {
  const { t, i18n } = useTranslation('consultant');
  const headingId = useId();
  const revision = pending ?? rejected;
  if (!revision) return null;
  return (
    <section
      className={`card stack ${pending ? 'revision-pending' : 'revision-rejected'}`}
      aria-labelledby={headingId}
    >
      <h2 id={headingId}>{t(pending ? 'revision.pendingTitle' : 'revision.rejectedTitle')}</h2>
      {pending ? (
        <p>{t('revision.pendingIntro')}</p>
      ) : (
        <div className="alert alert-error">
          <p>{t('revision.rejectedIntro')}</p>
          <p>{revision.rejectionReason}</p>
        </div>
      )}
      <p className="muted">
        {t('revision.proposedAt', { date: formatDateTime(revision.updatedAt, i18n.language) })}
      </p>
      <RevisionComparison live={live} revision={revision} caption={t('revision.caption')} />
    </section>
  );
}
