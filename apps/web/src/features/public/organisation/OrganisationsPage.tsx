import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useMe } from '../../../auth/session';
import { Loading } from '../../../components/Loading';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { MembershipBadge } from './MembershipBadge';
import { DataTable } from '../../../components/DataTable';

/**
 * `/organisation`: the organisations the user acts for, their role and this year's adhésion;
 * someone without one is shown the two ways in: create it, or be invited by its administrator.
 */
export function OrganisationsPage() {
  const { t } = useTranslation('public');
  const { me, isPending, error } = useMe();
  const location = useLocation();
  const joined = (location.state as { joined?: string } | null)?.joined;

  if (isPending) return <Loading />;
  if (!me) return <ProblemAlert error={error} />;
  return (
    <>
      <PageTitle>{t('organisation.list.title')}</PageTitle>
      <div role="status">
        {joined ? (
          <p className="alert alert-success">{t('invitation.joined', { name: joined })}</p>
        ) : null}
      </div>
      {me.organisations.length === 0 ? (
        <>
          <p>{t('organisation.list.none')}</p>
          <div className="grid">
            <section className="card" aria-labelledby="organisation-create">
              <h2 id="organisation-create">{t('organisation.list.createTitle')}</h2>
              <p>{t('organisation.list.createText')}</p>
              <Link className="button" to="/organisation/new">
                {t('organisation.list.createAction')}
              </Link>
            </section>
            <section className="card" aria-labelledby="organisation-join">
              <h2 id="organisation-join">{t('organisation.list.joinTitle')}</h2>
              <p>{t('organisation.list.joinText', { email: me.email })}</p>
            </section>
          </div>
        </>
      ) : (
        <>
          <DataTable
            caption={t('organisation.list.caption')}
            rows={me.organisations}
            rowKey={(organisation) => organisation.id}
            columns={[
              {
                id: 'legalName',
                header: t('organisation.fields.legalName'),
                rowHeader: true,
                cell: (organisation) => (
                  <Link to={`/organisation/${organisation.id}`}>{organisation.legalName}</Link>
                ),
              },
              {
                id: 'role',
                header: t('organisation.list.role'),
                cell: (organisation) => t(`roles.${organisation.role}`),
              },
              {
                id: 'membership',
                header: t('organisation.list.membership'),
                cell: (organisation) => <MembershipBadge membership={organisation.membership} />,
              },
            ]}
          />
          <p>
            <Link to="/organisation/new">{t('organisation.list.createAnother')}</Link>
          </p>
        </>
      )}
    </>
  );
}
