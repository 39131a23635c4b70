import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { LoadMore } from '../../components/LoadMore';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../lib/format';
import { RevisionComparison } from '../consultant/RevisionPanel';
import { ApproveOrRefuse } from './ApproveOrRefuse';
import { adminKeys, useConsultantNames } from './queries';
import { VatTreatmentControl } from './VatTreatmentControl';

type PendingRevision = components['schemas']['PendingRevisionDto'];

/** Under the moderation queue's key, so that whatever refreshes one refreshes both. */
export const revisionQueueKey = [...adminKeys.moderation, 'revisions'] as const;

/**
 * Changes consultants propose to published offerings, oldest first: the live version beside
 * the proposed one, to approve (it goes live) or refuse with a reason (the live one stays).
 */
export function RevisionQueue({ onDone }: { onDone: (message: string) => void }) {
  const { t } = useTranslation('admin');
  const headingId = useId();
  const queue = useInfiniteQuery({
    queryKey: revisionQueueKey,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/moderation/offering-revisions', {
          params: { query: { cursor: pageParam, limit: 20 } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
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
  const queryClient = useQueryClient();
  const titleId = useId();
  const { offering, revision } = item;

  const done = async (message: string) => {
    await queryClient.invalidateQueries({ queryKey: adminKeys.moderation });
    onDone(message);
  };
  const approve = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/offerings/{id}/publish', { params: { path: { id: offering.id } } }),
      ),
    onSuccess: () => done(t('revisions.approved', { title: offering.title })),
  });
  const reject = useMutation({
    mutationFn: async (text: string) =>
      unwrap(
        await api.POST('/api/offerings/{id}/reject', {
          params: { path: { id: offering.id } },
          body: { reason: text },
        }),
      ),
    onSuccess: () => done(t('revisions.rejected', { title: offering.title })),
  });
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
