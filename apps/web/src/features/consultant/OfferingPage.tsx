import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Link, useLocation, useParams } from 'react-router';
import { useMe } from '../../auth/session';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime } from '../../lib/format';
import { offeringToForm } from './offering-form';
import { OFFERING_TONES, ownerActions } from './offering-status';
import { OfferingForm } from './OfferingForm';
import { RevisionPanel } from './RevisionPanel';
import { useOffering, useOfferingWorkflow, useUpdateOffering } from './consultant-queries';
import { SessionsSection } from './SessionsSection';
import { SlotsSection } from './SlotsSection';
import './consultant.css';
import { StatusBadge } from '../../components/StatusBadge';
import type { OfferingDetail } from './types';

function proposedFields(revision: NonNullable<OfferingDetail['pendingRevision']>) {
  const { title, summary, description, memberPriceCents, nonMemberPriceCents } = revision;
  return { title, summary, description, memberPriceCents, nonMemberPriceCents };
}

/** One offering: its status and workflow, its fields, then its sessions or consultation slots. */
export function OfferingPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('consultant');
  const location = useLocation();
  const { me } = useMe();
  const offering = useOffering(id);
  const [done, setDone] = useState<string | null>(
    (location.state as { created?: boolean } | null)?.created ? t('offering.created') : null,
  );
  const [confirmArchive, setConfirmArchive] = useState(false);

  const save = useUpdateOffering(id, {
    onStart: () => setDone(null),
    onRefreshed: (saved) =>
      setDone(t(saved.pendingRevision ? 'offering.savedForReview' : 'offering.saved')),
  });
  const workflow = useOfferingWorkflow(id, {
    onStart: () => setDone(null),
    onAnswered: () => setConfirmArchive(false),
    onRefreshed: (_, action) =>
      setDone(t(action === 'submit' ? 'offering.submitted' : 'offering.archived')),
  });

  if (offering.isPending) return <Loading />;
  if (offering.isError) {
    return (
      <section>
        <PageTitle>{t('offering.notFound')}</PageTitle>
        <ProblemAlert ns="consultant" error={offering.error} />
        <Link to="/consultant/offerings">{t('back')}</Link>
      </section>
    );
  }
  const data = offering.data;
  const isOwner = me?.id === data.consultantId;
  const actions = ownerActions(data.status);

  return (
    <section>
      <p>
        <Link to="/consultant/offerings">{t('back')}</Link>
      </p>
      <PageTitle>{data.title}</PageTitle>
      <section className="card stack" aria-labelledby="offering-status-heading">
        <h2 id="offering-status-heading" className="visually-hidden">
          {t('offering.statusHeading')}
        </h2>
        <p className="row">
          <span>{t('offering.status')}</span>
          <StatusBadge tone={OFFERING_TONES[data.status]}>{t(`status.${data.status}`)}</StatusBadge>
          {data.publishedAt && data.status === 'published' ? (
            <span className="muted">
              {t('offering.publishedAt', { date: formatDateTime(data.publishedAt, i18n.language) })}
            </span>
          ) : null}
        </p>
        <p className="muted">{t(`statusHelp.${data.status}`)}</p>
        {data.status === 'rejected' ? (
          <div className="alert alert-error consultant-rejection">
            <p className="alert-title">{t('list.rejectedBecause')}</p>
            <p>{data.rejectionReason ?? t('list.noReason')}</p>
          </div>
        ) : null}
        <div className="row consultant-actions">
          {isOwner && actions.submit ? (
            <button
              type="button"
              className="button"
              disabled={workflow.isPending}
              onClick={() => workflow.mutate('submit')}
            >
              {t('offering.submit')}
            </button>
          ) : null}
          {actions.archive && !confirmArchive ? (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => setConfirmArchive(true)}
            >
              {t('offering.archive')}
            </button>
          ) : null}
          {data.status === 'published' ? (
            <Link to={`/offerings/${data.id}`}>{t('offering.publicPage')}</Link>
          ) : null}
        </div>
        {confirmArchive ? (
          <div className="alert" role="group" aria-labelledby="archive-question">
            <p className="alert-title" id="archive-question">
              {t('offering.archiveQuestion')}
            </p>
            <p>{t('offering.archiveWarning')}</p>
            <div className="row">
              <button
                type="button"
                className="button button-danger"
                disabled={workflow.isPending}
                onClick={() => workflow.mutate('archive')}
              >
                {t('offering.archiveConfirm')}
              </button>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => setConfirmArchive(false)}
              >
                {t('offering.keep')}
              </button>
            </div>
          </div>
        ) : null}
        <ProblemAlert ns="consultant" error={workflow.error} />
        <div role="status" aria-live="polite">
          {done ? <p className="alert alert-success">{done}</p> : null}
        </div>
      </section>

      <RevisionPanel live={data} pending={data.pendingRevision} rejected={data.rejectedRevision} />

      <h2>{t('offering.details')}</h2>
      {isOwner && !actions.edit ? <p className="alert">{t('offering.locked')}</p> : null}
      <OfferingForm
        key={`${data.updatedAt} ${data.pendingRevision?.updatedAt ?? ''}`}
        // What awaits review is what the consultant goes on editing.
        initial={offeringToForm(
          data.pendingRevision ? { ...data, ...proposedFields(data.pendingRevision) } : data,
        )}
        readOnly={!isOwner || !actions.edit}
        kindLocked={data.status !== 'draft'}
        vatTreatment={data.vatTreatment}
        submitLabel={t('offering.save')}
        busy={save.isPending}
        error={save.error}
        onSubmit={(input) => save.mutate(input)}
      />

      {data.kind === 'training' ? (
        <SessionsSection offering={data} />
      ) : (
        <SlotsSection offering={data} isOwner={isOwner} />
      )}
    </section>
  );
}
