import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import type { components } from '../../api/schema';
import { Field } from '../../components/Field';
import { LoadMore } from '../../components/LoadMore';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../lib/format';
import { RevisionComparison } from '../consultant/RevisionPanel';
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
  const refuseButton = useRef<HTMLButtonElement>(null);
  const reasonInput = useRef<HTMLTextAreaElement>(null);
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
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
  const reasonError =
    reject.error instanceof ApiProblem ? reject.error.fieldErrors().reason : undefined;

  useEffect(() => {
    if (refusing) reasonInput.current?.focus();
  }, [refusing]);

  function submitRefusal(event: FormEvent) {
    event.preventDefault();
    const text = reason.trim();
    setReasonMissing(text === '');
    if (text) reject.mutate(text);
  }

  function cancelRefusal() {
    setRefusing(false);
    setReasonMissing(false);
    reject.reset();
    requestAnimationFrame(() => refuseButton.current?.focus());
  }

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
      <ProblemAlert ns="admin" error={approve.error} />
      {refusing ? (
        <form className="stack" onSubmit={submitRefusal} noValidate>
          <ProblemAlert ns="admin" error={reject.error} />
          <Field
            label={t('moderation.reason')}
            hint={t('revisions.reasonHint')}
            error={reasonError}
            errorText={reasonMissing ? t('common:problem.field.required') : undefined}
          >
            {(control) => (
              <textarea
                {...control}
                required
                value={reason}
                ref={reasonInput}
                onChange={(event) => setReason(event.target.value)}
              />
            )}
          </Field>
          <div className="row">
            <button type="submit" className="button button-danger" disabled={busy}>
              {t('moderation.confirmRefusal')}
            </button>
            <button type="button" className="button button-secondary" onClick={cancelRefusal}>
              {t('common:actions.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="row">
          <button type="button" className="button" disabled={busy} onClick={() => approve.mutate()}>
            {t('revisions.approve')}
          </button>
          <button
            ref={refuseButton}
            type="button"
            className="button button-danger"
            disabled={busy}
            onClick={() => setRefusing(true)}
          >
            {t('revisions.refuse')}
          </button>
        </div>
      )}
    </article>
  );
}
