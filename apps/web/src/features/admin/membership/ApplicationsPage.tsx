import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadMore } from '../../../components/LoadMore';
import { Loading } from '../../../components/Loading';
import { Money } from '../../../components/Money';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDate, formatMoney } from '../../../lib/format';
import { ApproveOrRefuse } from '../ApproveOrRefuse';
import { StatusMessage } from '../StatusMessage';
import { useDecideApplication, usePendingApplications } from './membership-admin-queries';
import { MembershipNav } from './MembershipNav';
import type { MembershipApplication } from './types';

/** `/admin/membership`: applications to join or renew, oldest first, to approve or refuse. */
export function ApplicationsPage() {
  const { t } = useTranslation('membership');
  const queue = usePendingApplications();
  const [message, setMessage] = useState<string | null>(null);
  const applications = queue.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section className="stack">
      <MembershipNav />
      <PageTitle>{t('admin.applications.title')}</PageTitle>
      <StatusMessage message={message} />
      {queue.isPending ? <Loading /> : null}
      <ProblemAlert ns="membership" error={queue.error} />
      {queue.isSuccess && applications.length === 0 ? <p>{t('admin.applications.none')}</p> : null}
      <ul className="plain-list stack">
        {applications.map((application) => (
          <li key={application.id}>
            <ApplicationCard application={application} onDecided={setMessage} />
          </li>
        ))}
      </ul>
      <LoadMore query={queue} />
    </section>
  );
}

function ApplicationCard({
  application,
  onDecided,
}: {
  application: MembershipApplication;
  onDecided: (message: string) => void;
}) {
  const { t, i18n } = useTranslation('membership');
  const headingId = `application-${application.id}`;
  const { approve, refuse } = useDecideApplication(application.id, (decided) =>
    onDecided(
      decided.status === 'approved'
        ? t('admin.applications.approved', {
            name: decided.organisationName,
            year: decided.year,
            fee: decided.feeCents === null ? '' : formatMoney(decided.feeCents, i18n.language),
          })
        : t('admin.applications.refused', { name: decided.organisationName, year: decided.year }),
    ),
  );

  return (
    <article className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <Link to={`/admin/organisations/${application.organisationId}`}>
          {application.organisationName}
        </Link>
        {' — '}
        {t(`applications.kind.${application.kind}`, { year: application.year })}
      </h2>
      <dl className="facts">
        <dt>{t('applications.sentOn')}</dt>
        <dd>{formatDate(application.createdAt, i18n.language)}</dd>
        <dt>{t('apply.family')}</dt>
        <dd>{t(`family.${application.family}`)}</dd>
        {application.headcount !== null ? (
          <>
            <dt>{t('apply.headcount')}</dt>
            <dd>{application.headcount}</dd>
          </>
        ) : null}
        {application.annualBudgetCents !== null ? (
          <>
            <dt>{t('apply.budget')}</dt>
            <dd>
              <Money cents={application.annualBudgetCents} />
            </dd>
          </>
        ) : null}
        <dt>{t('apply.contact')}</dt>
        <dd>
          {application.contactName} ({application.contactEmail})
        </dd>
        <dt>{t('admin.applications.charter')}</dt>
        <dd>{t('admin.applications.charterVersion', { version: application.charterVersion })}</dd>
        {application.feeCents !== null ? (
          <>
            <dt>{t('year.fee')}</dt>
            <dd>
              <Money cents={application.feeCents} />
            </dd>
          </>
        ) : null}
      </dl>
      <ApproveOrRefuse
        approveLabel={t('admin.applications.approve', { name: application.organisationName })}
        refuseLabel={t('admin.applications.refuse', { name: application.organisationName })}
        reasonHint={t('admin.applications.reasonHint')}
        busy={approve.isPending || refuse.isPending}
        approveError={approve.error}
        refuseError={refuse.error}
        onApprove={() => approve.mutate()}
        onRefuse={(reason) => refuse.mutate(reason)}
        onCancelRefusal={() => refuse.reset()}
      />
    </article>
  );
}
