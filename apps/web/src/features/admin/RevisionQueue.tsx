import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadMore } from '../../components/LoadMore';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../lib/format';
import { RevisionComparison } from '../consultant/RevisionPanel';
import { ApproveOrRefuse } from './ApproveOrRefuse';
import {
  useConsultantNames,
  usePendingRevisions,
  usePublishOffering,
  useRejectOffering,
} from './admin-queries';
import type { PendingRevision } from './types';
import { VatTreatmentControl } from './VatTreatmentControl';

/**
 * Changes consultants propose to published offerings, oldest first: the live version beside
 * the proposed one, to approve (it goes live) or refuse with a reason (the live one stays).
 */
export function RevisionQueue({ onDone }: { onDone: (message: string) => void }) {
  const { t } = useTranslation('admin');
  const headingId = useId();
  const queue = usePendingRevisions();
  const consultants = useConsultantNames();
  const items = queue.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section className="stack" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('revisions.title')}</h2>
      <p className="muted">{t('revisions.intro')}</p>
      {queue.isPending ? <Loading /> : null}
      <ProblemAlert ns="admin" error={queue.error} />
      {queue.isSuccess && items.length === 0 ? <p>{t('revisions.empty')}</p> : null}
      {items.map((item) => (
        <RevisionItem
          key={item.revision.id}
          item={item}
          consultant={
            consultants.get(item.offering.consultantId) ?? t('moderation.unknownConsultant')
          }
          onDone={onDone}
        />
      ))}
      <LoadMore query={queue} />
    </section>
  );
}

interface ItemProps {
  item: PendingRevision;
  consultant: string;
  onDone: (message: string) => void;
}

export function RevisionItem({ item, consultant, onDone }: ItemProps) {
  const { t, i18n } = useTranslation('admin');
  const titleId = useId();
  const { offering, revision } = item;
  const approve = usePublishOffering(offering.id, () =>
    onDone(t('revisions.approved', { title: offering.title })),
  );
  const reject = useRejectOffering(offering.id, () =>
    onDone(t('revisions.rejected', { title: offering.title })),
  );
  const busy = approve.isPending || reject.isPending;

  return (
    <article className="card stack" aria-labelledby={titleId}>
      <h3 id={titleId}>{offering.title}</h3>
      <p className="muted">
        {t('revisions.proposedBy', {
          name: consultant,
          date: formatDateTime(revision.updatedAt, i18n.language),
        })}{' '}
        · <Link to={`/offerings/${offering.id}`}>{t('revisions.publicPage')}</Link>
      </p>
      <RevisionComparison
        live={offering}
        revision={revision}
        caption={t('revisions.caption', { title: offering.title })}
      />
      <VatTreatmentControl offering={offering} onDone={onDone} />
      <ApproveOrRefuse
        approveLabel={t('revisions.approve')}
        refuseLabel={t('revisions.refuse')}
        reasonHint={t('revisions.reasonHint')}
        busy={busy}
        approveError={approve.error}
        refuseError={reject.error}
        onApprove={() => approve.mutate()}
        onRefuse={(reason) => reject.mutate(reason)}
        onCancelRefusal={() => reject.reset()}
      />
    </article>
  );
}
