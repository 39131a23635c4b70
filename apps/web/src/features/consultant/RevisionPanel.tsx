import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { Money } from '../../components/Money';
import { VatRegimeText } from '../../components/VatRegime';
import { formatDateTime } from '../../lib/format';
import './consultant.css';
import { PedagogyDigest } from '../training/programme/PedagogyDigest';

import type { ModeratedField, Offering, Revision } from './types';

/** The live values of the moderated fields (the published offering). */
type Live = Pick<Offering, ModeratedField>;

const PRICES = new Set<ModeratedField>(['memberPriceCents', 'nonMemberPriceCents']);

function Value({ field, value }: { field: ModeratedField; value: Live[ModeratedField] | null }) {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') return <PedagogyDigest pedagogy={value} />;
  if (PRICES.has(field)) return <Money cents={Number(value)} />;
  if (field === 'vatTreatment') return <VatRegimeText code={value as Live['vatTreatment']} />;
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
    <DataTable
      className="revision-comparison"
      caption={caption}
      rows={revision.changedFields}
      rowKey={(field) => field}
      columns={[
        {
          id: 'field',
          header: t('revision.field'),
          rowHeader: true,
          cell: (field) => t(`revision.fields.${field}`),
        },
        {
          id: 'live',
          header: t('revision.live'),
          cell: (field) => <Value field={field} value={live[field]} />,
        },
        {
          id: 'proposed',
          header: t('revision.proposed'),
          cell: (field) => <Value field={field} value={revision[field]} />,
        },
      ]}
    />
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
