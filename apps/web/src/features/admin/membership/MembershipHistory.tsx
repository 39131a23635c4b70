import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../../api/problem';
import { Field } from '../../../components/Field';
import { formatMoney } from '../../../lib/format';
import { StatusMessage } from '../StatusMessage';
import { DataTable } from '../../../components/DataTable';
import { Loading } from '../../../components/Loading';
import { Money } from '../../../components/Money';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { StatusBadge } from '../../../components/StatusBadge';
import { formatDate } from '../../../lib/format';
import { APPLICATION_STATUS_TONES, sortYears } from '../../member/membership/membership';
import {
  useCancelMembership,
  useOrganisationApplicationsForAdmin,
  useOrganisationMembershipYears,
} from './membership-admin-queries';
import { YearStatusBadge } from './YearStatusBadge';

/** One organisation's adhésion history on its admin page: years with invoices, applications. */
export function MembershipHistory({ organisationId }: { organisationId: string }) {
  const { t, i18n } = useTranslation('membership');
  const years = useOrganisationMembershipYears(organisationId);
  const applications = useOrganisationApplicationsForAdmin(organisationId);
  const [cancelling, setCancelling] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  return (
    <section className="stack" aria-labelledby="membership-history">
      <h2 id="membership-history">{t('admin.history.heading')}</h2>
      <StatusMessage message={message} />
      {years.isPending ? <Loading /> : null}
      <ProblemAlert ns="membership" error={years.error} />
      {years.data && years.data.length === 0 ? <p>{t('admin.history.noYear')}</p> : null}
      {years.data && years.data.length > 0 ? (
        <DataTable
          caption={t('admin.history.yearsCaption')}
          rows={sortYears(years.data)}
          rowKey={(year) => String(year.year)}
          columns={[
            {
              id: 'year',
              header: t('admin.history.year'),
              rowHeader: true,
              cell: (year) => year.year,
            },
            {
              id: 'status',
              header: t('admin.members.status'),
              cell: (year) => <YearStatusBadge status={year.status} />,
            },
            {
              id: 'fee',
              header: t('year.fee'),
              numeric: true,
              cell: (year) => <Money cents={year.feeCents} />,
            },
            {
              id: 'invoice',
              header: t('year.invoice'),
              cell: (year) => year.invoice?.number ?? '—',
            },
            {
              id: 'due',
              header: t('year.amountDue'),
              numeric: true,
              cell: (year) => (year.invoice ? <Money cents={year.invoice.amountDueCents} /> : '—'),
            },
            {
              id: 'actions',
              header: <span className="visually-hidden">{t('admin.history.actions')}</span>,
              cell: (year) =>
                year.status === 'active' || year.status === 'pending' ? (
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    onClick={() => {
                      setMessage(null);
                      setCancelling(year.year);
                    }}
                  >
                    {t('admin.history.cancel', { year: year.year })}
                  </button>
                ) : null,
            },
          ]}
        />
      ) : null}
      {cancelling !== null ? (
        <CancelYear
          key={cancelling}
          organisationId={organisationId}
          year={cancelling}
          onClose={() => setCancelling(null)}
          onCancelled={(text) => {
            setCancelling(null);
            setMessage(text);
          }}
        />
      ) : null}
      <h3>{t('admin.history.applications')}</h3>
      {applications.isPending ? <Loading /> : null}
      <ProblemAlert ns="membership" error={applications.error} />
      {applications.data && applications.data.length === 0 ? <p>{t('applications.none')}</p> : null}
      {applications.data && applications.data.length > 0 ? (
        <DataTable
          caption={t('admin.history.applications')}
          rows={applications.data}
          rowKey={(application) => application.id}
          columns={[
            {
              id: 'what',
              header: t('admin.history.application'),
              rowHeader: true,
              cell: (application) =>
                t(`applications.kind.${application.kind}`, { year: application.year }),
            },
            {
              id: 'sent',
              header: t('applications.sentOn'),
              cell: (application) => formatDate(application.createdAt, i18n.language),
            },
            {
              id: 'status',
              header: t('admin.members.status'),
              cell: (application) => (
                <StatusBadge tone={APPLICATION_STATUS_TONES[application.status]}>
                  {t(`applications.status.${application.status}`)}
                </StatusBadge>
              ),
            },
            {
              id: 'reason',
              header: t('applications.reason'),
              cell: (application) => application.refusalReason ?? '—',
            },
          ]}
        />
      ) : null}
    </section>
  );
}

/** The reason a member leaves, required; the year's invoice is then credited (never deleted). */
function CancelYear({
  organisationId,
  year,
  onClose,
  onCancelled,
}: {
  organisationId: string;
  year: number;
  onClose: () => void;
  onCancelled: (message: string) => void;
}) {
  const { t, i18n } = useTranslation('membership');
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const cancel = useCancelMembership(organisationId);
  const apiError =
    cancel.error instanceof ApiProblem ? cancel.error.fieldErrors().reason : undefined;

  useEffect(() => input.current?.focus(), []);

  function submit(event: FormEvent) {
    event.preventDefault();
    const text = reason.trim();
    setMissing(text === '');
    if (!text || cancel.isPending) return;
    cancel.mutate(
      { year, reason: text },
      {
        onSuccess: (done) =>
          onCancelled(
            t('admin.history.cancelled', {
              year,
              amount: formatMoney(done.creditedCents, i18n.language),
            }),
          ),
      },
    );
  }

  return (
    <form
      className="card stack narrow"
      onSubmit={submit}
      noValidate
      aria-labelledby="cancel-heading"
    >
      <h3 id="cancel-heading">{t('admin.history.cancelHeading', { year })}</h3>
      <p>{t('admin.history.cancelExplain')}</p>
      {cancel.error && !apiError ? <ProblemAlert ns="membership" error={cancel.error} /> : null}
      <Field
        label={t('admin.history.reason')}
        error={apiError}
        errorText={missing ? t('common:problem.field.required') : undefined}
      >
        {(control) => (
          <textarea
            {...control}
            ref={input}
            required
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        )}
      </Field>
      <div className="row">
        <button type="submit" className="button button-danger" disabled={cancel.isPending}>
          {t('admin.history.confirmCancel', { year })}
        </button>
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('common:actions.cancel')}
        </button>
      </div>
    </form>
  );
}
