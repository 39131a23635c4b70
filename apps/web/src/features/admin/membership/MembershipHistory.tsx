import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/DataTable';
import { Loading } from '../../../components/Loading';
import { Money } from '../../../components/Money';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { StatusBadge } from '../../../components/StatusBadge';
import { formatDate } from '../../../lib/format';
import { APPLICATION_STATUS_TONES, sortYears } from '../../member/membership/membership';
import {
  useOrganisationApplicationsForAdmin,
  useOrganisationMembershipYears,
} from './membership-admin-queries';
import { YearStatusBadge } from './YearStatusBadge';

/** One organisation's adhésion history on its admin page: years with invoices, applications. */
export function MembershipHistory({ organisationId }: { organisationId: string }) {
  const { t, i18n } = useTranslation('membership');
  const years = useOrganisationMembershipYears(organisationId);
  const applications = useOrganisationApplicationsForAdmin(organisationId);

  return (
    <section className="stack" aria-labelledby="membership-history">
      <h2 id="membership-history">{t('admin.history.heading')}</h2>
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
          ]}
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
