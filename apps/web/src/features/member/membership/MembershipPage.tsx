import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useMe } from '../../../auth/session';
import { Field } from '../../../components/Field';
import { Loading } from '../../../components/Loading';
import { Money } from '../../../components/Money';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { StatusBadge } from '../../../components/StatusBadge';
import { formatDate } from '../../../lib/format';
import { ApplyForm } from './ApplyForm';
import { APPLICATION_STATUS_TONES, sortYears } from './membership';
import { useMembershipYears, useOrganisationApplications } from './membership-queries';
import type { MembershipApplication } from './types';
import { YearCard } from './YearCard';

/**
 * `/membership?organisation=`: the adhésion of one of the user's organisations year by year
 * (status, invoice, payment, certificate), its applications, and the form to join or renew.
 */
export function MembershipPage() {
  const { t } = useTranslation('membership');
  const { me, isPending } = useMe();
  const [params, setParams] = useSearchParams();
  const organisations = me?.organisations ?? [];
  const organisationId =
    organisations.find((each) => each.id === params.get('organisation'))?.id ??
    organisations[0]?.id;
  const organisation = organisations.find((each) => each.id === organisationId);
  const years = useMembershipYears(organisationId);
  const applications = useOrganisationApplications(organisationId);
  const [applied, setApplied] = useState<MembershipApplication | null>(null);

  if (isPending) return <Loading />;
  if (!organisation) {
    return (
      <section className="narrow">
        <PageTitle>{t('page.title')}</PageTitle>
        <p>
          {t('page.noOrganisation')} <Link to="/organisation">{t('page.noOrganisationLink')}</Link>
        </p>
      </section>
    );
  }

  const isOrgAdmin = organisation.role === 'org_admin';
  const pendingApplication = applications.data?.find((each) => each.status === 'pending');
  const everActive = (years.data ?? []).some(
    (each) => each.status === 'active' || each.status === 'lapsed' || each.status === 'cancelled',
  );

  return (
    <section className="membership-page stack">
      <PageTitle title={t('page.titleOf', { name: organisation.legalName })}>
        {t('page.title')}
      </PageTitle>
      <p className="muted">{organisation.legalName}</p>
      {organisations.length > 1 ? (
        <Field label={t('page.organisation')}>
          {(control) => (
            <select
              {...control}
              value={organisation.id}
              onChange={(event) => {
                setApplied(null);
                setParams({ organisation: event.target.value });
              }}
            >
              {organisations.map((each) => (
                <option key={each.id} value={each.id}>
                  {each.legalName}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <p>{t('page.intro')}</p>

      <div role="status">
        {applied ? (
          <p className="alert alert-success">{t('apply.sent', { year: applied.year })}</p>
        ) : null}
      </div>

      {years.isPending ? <Loading /> : null}
      <ProblemAlert ns="membership" error={years.error} />
      {years.data && years.data.length === 0 ? <p>{t('page.noYear')}</p> : null}
      {years.data
        ? sortYears(years.data).map((year) => (
            <YearCard key={year.year} organisationId={organisation.id} year={year} />
          ))
        : null}

      <section aria-labelledby="applications-heading" className="stack">
        <h2 id="applications-heading">{t('applications.heading')}</h2>
        <ProblemAlert ns="membership" error={applications.error} />
        {applications.data && applications.data.length === 0 ? (
          <p>{t('applications.none')}</p>
        ) : null}
        {applications.data && applications.data.length > 0 ? (
          <ul className="plain-list stack">
            {applications.data.map((application) => (
              <li key={application.id} className="card">
                <ApplicationSummary application={application} />
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      {isOrgAdmin ? (
        pendingApplication ? (
          <p className="alert">{t('apply.alreadyPending', { year: pendingApplication.year })}</p>
        ) : (
          <div className="card">
            <ApplyForm
              key={`${organisation.id}-${applications.data?.[0]?.id ?? 'none'}`}
              organisationId={organisation.id}
              joining={!everActive}
              previous={applications.data?.[0]}
              onApplied={setApplied}
            />
          </div>
        )
      ) : (
        <p className="muted">{t('apply.adminsOnly')}</p>
      )}
    </section>
  );
}

function ApplicationSummary({ application }: { application: MembershipApplication }) {
  const { t, i18n } = useTranslation('membership');
  return (
    <>
      <h3>
        {t(`applications.kind.${application.kind}`, { year: application.year })}{' '}
        <StatusBadge tone={APPLICATION_STATUS_TONES[application.status]}>
          {t(`applications.status.${application.status}`)}
        </StatusBadge>
      </h3>
      <dl className="facts">
        <dt>{t('applications.sentOn')}</dt>
        <dd>{formatDate(application.createdAt, i18n.language)}</dd>
        <dt>{t('apply.family')}</dt>
        <dd>{t(`family.${application.family}`)}</dd>
        {application.feeCents !== null ? (
          <>
            <dt>{t('year.fee')}</dt>
            <dd>
              <Money cents={application.feeCents} />
            </dd>
          </>
        ) : null}
        {application.decidedAt ? (
          <>
            <dt>{t('applications.decidedOn')}</dt>
            <dd>{formatDate(application.decidedAt, i18n.language)}</dd>
          </>
        ) : null}
        {application.status === 'refused' && application.refusalReason ? (
          <>
            <dt>{t('applications.reason')}</dt>
            <dd>{application.refusalReason}</dd>
          </>
        ) : null}
      </dl>
      {application.status === 'pending' ? <p>{t('applications.pendingExplain')}</p> : null}
    </>
  );
}
