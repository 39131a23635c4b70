import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { useMe } from '../../../auth/session';
import { Loading } from '../../../components/Loading';
import { Money } from '../../../components/Money';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDate } from '../../../lib/format';
import { useDepartmentLabel } from '../labels';
import {
  useOrganisation,
  useOrganisationMembers,
  useOrganisationMemberships,
} from '../public-queries';
import { EInvoicingSettings } from './EInvoicingSettings';
import { InviteForm } from './InviteForm';
import { MembershipBadge } from './MembershipBadge';

/**
 * `/organisation/:id`: the organisation's details, its people and its adhésion year by year;
 * its administrators also invite people here.
 */
export function OrganisationPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('public');
  const location = useLocation();
  const created = (location.state as { created?: boolean } | null)?.created === true;
  const { me } = useMe();
  const departmentLabel = useDepartmentLabel();
  const isAdmin = me?.organisations.some((o) => o.id === id && o.role === 'org_admin') ?? false;
  const organisation = useOrganisation(id);
  const members = useOrganisationMembers(id);
  const memberships = useOrganisationMemberships(id);

  if (organisation.isPending) return <Loading />;
  if (organisation.isError) {
    return (
      <>
        <PageTitle>{t('organisation.notFoundTitle')}</PageTitle>
        <ProblemAlert error={organisation.error} />
        <p>
          <Link to="/organisation">{t('organisation.backToList')}</Link>
        </p>
      </>
    );
  }
  const o = organisation.data;
  const language = i18n.language;

  return (
    <>
      <p>
        <Link to="/organisation">{t('organisation.backToList')}</Link>
      </p>
      <PageTitle>{o.legalName}</PageTitle>
      <div role="status">
        {created ? <p className="alert alert-success">{t('organisation.create.done')}</p> : null}
      </div>

      <section aria-labelledby="organisation-details" className="card">
        <h2 id="organisation-details">{t('organisation.details')}</h2>
        <dl className="facts">
          <dt>{t('organisation.fields.legalForm')}</dt>
          <dd>{t(`legalForms.${o.legalForm}`)}</dd>
          {o.siret ? (
            <>
              <dt>{t('organisation.fields.siret')}</dt>
              <dd>{o.siret}</dd>
            </>
          ) : null}
          {o.rna ? (
            <>
              <dt>{t('organisation.fields.rna')}</dt>
              <dd>{o.rna}</dd>
            </>
          ) : null}
          <dt>{t('organisation.address')}</dt>
          <dd>
            {o.address.line1}
            {o.address.line2 ? (
              <>
                <br />
                {o.address.line2}
              </>
            ) : null}
            <br />
            {o.address.postalCode} {o.address.city}
          </dd>
          <dt>{t('organisation.fields.department')}</dt>
          <dd>{departmentLabel(o.department)}</dd>
          <dt>{t('organisation.fields.billingEmail')}</dt>
          <dd>{o.billingEmail}</dd>
          <dt>{t('organisation.fields.vatNumber')}</dt>
          <dd>{o.vatNumber ?? t('organisation.noVatNumber')}</dd>
          <dt>{t('organisation.fields.vatRegistered')}</dt>
          <dd>{o.vatRegistered ? t('organisation.yes') : t('organisation.no')}</dd>
          {o.isPublicBody ? (
            <>
              <dt>{t('organisation.publicBody')}</dt>
              <dd>{t('organisation.publicBodyYes')}</dd>
            </>
          ) : null}
          <dt>{t('organisation.list.membership')}</dt>
          <dd>
            <MembershipBadge membership={o.membership} />
          </dd>
        </dl>
      </section>

      <EInvoicingSettings
        key={o.id}
        organisation={o}
        editable={isAdmin || (me?.roles.includes('admin') ?? false)}
      />

      <section aria-labelledby="organisation-members">
        <h2 id="organisation-members">{t('organisation.members.title')}</h2>
        {members.isPending ? <Loading /> : null}
        <ProblemAlert error={members.error} />
        {members.data ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('organisation.members.name')}</th>
                  <th scope="col">{t('organisation.members.email')}</th>
                  <th scope="col">{t('organisation.list.role')}</th>
                  <th scope="col">{t('organisation.members.since')}</th>
                </tr>
              </thead>
              <tbody>
                {members.data.map((member) => (
                  <tr key={member.userId}>
                    <th scope="row">{member.name}</th>
                    <td>{member.email}</td>
                    <td>{t(`roles.${member.role}`)}</td>
                    <td>{formatDate(member.since, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {isAdmin ? <InviteForm organisationId={o.id} /> : null}
      </section>

      <section aria-labelledby="organisation-memberships">
        <h2 id="organisation-memberships">{t('organisation.memberships.title')}</h2>
        <p className="muted">{t('organisation.memberships.intro')}</p>
        <p>
          <Link to={`/membership?organisation=${o.id}`}>
            {t('organisation.memberships.manage')}
          </Link>
        </p>
        {memberships.isPending ? <Loading /> : null}
        <ProblemAlert error={memberships.error} />
        {memberships.data?.length === 0 ? <p>{t('organisation.memberships.none')}</p> : null}
        {memberships.data && memberships.data.length > 0 ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('organisation.memberships.year')}</th>
                  <th scope="col">{t('organisation.memberships.status')}</th>
                  <th scope="col" className="number">
                    {t('organisation.memberships.fee')}
                  </th>
                  <th scope="col">{t('organisation.memberships.updatedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {memberships.data.map((membership) => (
                  <tr key={membership.year}>
                    <th scope="row">{membership.year}</th>
                    <td>{t(`membership.state.${membership.status}`)}</td>
                    <td className="number">
                      <Money cents={membership.feeCents} />
                    </td>
                    <td>{formatDate(membership.updatedAt, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </>
  );
}
