import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiProblem } from '../../api/problem';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { Money } from '../../components/Money';
import { PageTitle } from '../../components/PageTitle';
import { formatDate, formatShortDateTime } from '../../lib/format';
import { MembershipBadge } from './MembershipBadge';
import {
  MEMBERSHIP_STATUSES,
  type MembershipForm,
  membershipFormFor,
  membershipRequest,
  membershipYear,
  sortMemberships,
} from './membership';
import { useAdminOrganisation, useMemberships, useSetMembership } from './admin-queries';
import type { Membership, MembershipStatus } from './types';
import { DataTable } from '../../components/DataTable';
import { ProblemAlert } from '../../components/ProblemAlert';
import { StatusMessage } from './StatusMessage';
import { MembershipHistory } from './membership/MembershipHistory';

/** One organisation as the Chambre sees it, with its adhésion year by year. */
export function OrganisationPage() {
  const { t, i18n } = useTranslation('admin');
  const { id = '' } = useParams();
  const organisation = useAdminOrganisation(id);
  const memberships = useMemberships(id);

  if (organisation.isPending) return <Loading />;
  if (organisation.isError) {
    return (
      <section>
        <PageTitle>{t('organisation.notFound')}</PageTitle>
        <ProblemAlert ns="admin" error={organisation.error} />
        <Link to="/admin/organisations">{t('organisation.back')}</Link>
      </section>
    );
  }
  const org = organisation.data;
  const address = [
    org.address.line1,
    org.address.line2,
    `${org.address.postalCode} ${org.address.city}`,
    org.address.country,
  ].filter(Boolean);

  return (
    <section>
      <p>
        <Link to="/admin/organisations">{t('organisation.back')}</Link>
      </p>
      <PageTitle>{org.legalName}</PageTitle>
      <div className="card">
        <dl className="facts">
          <dt>{t('organisations.legalForm')}</dt>
          <dd>{t(`legalForm.${org.legalForm}`)}</dd>
          {org.siret ? (
            <>
              <dt>{t('organisations.siret')}</dt>
              <dd>{org.siret}</dd>
            </>
          ) : null}
          {org.rna ? (
            <>
              <dt>{t('organisation.rna')}</dt>
              <dd>{org.rna}</dd>
            </>
          ) : null}
          <dt>{t('organisation.address')}</dt>
          <dd>
            {address.map((line) => (
              <span key={line} style={{ display: 'block' }}>
                {line}
              </span>
            ))}
          </dd>
          <dt>{t('organisations.department')}</dt>
          <dd>{org.department}</dd>
          <dt>{t('organisation.billingEmail')}</dt>
          <dd>{org.billingEmail}</dd>
          <dt>{t('organisation.vatNumber')}</dt>
          <dd>{org.vatNumber ?? t('organisation.noVatNumber')}</dd>
          <dt>{t('organisation.publicBody')}</dt>
          <dd>{org.isPublicBody ? t('organisation.yes') : t('organisation.no')}</dd>
          <dt>{t('organisation.createdAt')}</dt>
          <dd>{formatDate(org.createdAt, i18n.language)}</dd>
        </dl>
      </div>
      <p>
        <Link to={`/admin/audit?entity=organisation:${org.id}`}>
          {t('audit.organisationHistory')}
        </Link>
      </p>

      <MembershipHistory organisationId={id} />

      <h2>{t('organisation.memberships')}</h2>
      {memberships.isPending ? <Loading /> : null}
      <ProblemAlert ns="admin" error={memberships.error} />
      {memberships.isSuccess ? (
        <MembershipSection organisationId={id} memberships={memberships.data} />
      ) : null}
    </section>
  );
}

function MembershipSection({
  organisationId,
  memberships,
}: {
  organisationId: string;
  memberships: Membership[];
}) {
  const { t, i18n } = useTranslation('admin');
  const formHeading = useRef<HTMLHeadingElement>(null);
  const [form, setForm] = useState<MembershipForm>(() =>
    membershipFormFor(membershipYear(new Date()), memberships),
  );
  const [invalid, setInvalid] = useState<Partial<Record<'year' | 'feeCents', unknown>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const save = useSetMembership(organisationId, (saved) =>
    setMessage(
      t('organisation.membershipSaved', {
        year: saved.year,
        status: t(`membership.status.${saved.status}`),
      }),
    ),
  );
  const apiErrors = save.error instanceof ApiProblem ? save.error.fieldErrors() : {};
  const sorted = sortMemberships(memberships);

  function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const request = membershipRequest(form);
    if (!request.ok) {
      setInvalid(request.errors);
      return;
    }
    setInvalid({});
    save.mutate({ year: request.year, body: request.body });
  }

  function edit(year: number) {
    setForm(membershipFormFor(year, memberships));
    setInvalid({});
    setMessage(null);
    save.reset();
    formHeading.current?.focus();
  }

  return (
    <>
      {sorted.length === 0 ? (
        <p>{t('organisation.noMemberships')}</p>
      ) : (
        <DataTable
          caption={t('organisation.memberships')}
          rows={sorted}
          rowKey={(membership) => String(membership.year)}
          columns={[
            {
              id: 'year',
              header: t('organisation.year'),
              rowHeader: true,
              cell: (membership) => membership.year,
            },
            {
              id: 'status',
              header: t('organisation.status'),
              cell: (membership) => <MembershipBadge status={membership.status} />,
            },
            {
              id: 'fee',
              header: t('organisation.fee'),
              numeric: true,
              cell: (membership) => <Money cents={membership.feeCents} />,
            },
            {
              id: 'updatedAt',
              header: t('organisation.updatedAt'),
              cell: (membership) => formatShortDateTime(membership.updatedAt, i18n.language),
            },
            {
              id: 'actions',
              header: <span className="visually-hidden">{t('organisation.actions')}</span>,
              cell: (membership) => (
                <button
                  type="button"
                  className="button button-secondary button-small"
                  onClick={() => edit(membership.year)}
                >
                  {t('organisation.editYear', { year: membership.year })}
                </button>
              ),
            },
          ]}
        />
      )}

      <form className="card narrow" onSubmit={submit} noValidate>
        <h3 ref={formHeading} tabIndex={-1}>
          {t('organisation.setMembership')}
        </h3>
        <StatusMessage message={message} />
        <ProblemAlert ns="admin" error={save.error} />
        <Field
          label={t('organisation.year')}
          error={apiErrors.year}
          errorText={invalid.year ? t('common:problem.field.invalid') : undefined}
        >
          {(control) => (
            <input
              {...control}
              inputMode="numeric"
              required
              value={form.year}
              onChange={(event) => setForm({ ...form, year: event.target.value })}
            />
          )}
        </Field>
        <Field label={t('organisation.status')} error={apiErrors.status}>
          {(control) => (
            <select
              {...control}
              value={form.status}
              onChange={(event) =>
                setForm({ ...form, status: event.target.value as MembershipStatus })
              }
            >
              {MEMBERSHIP_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`membership.status.${status}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label={t('organisation.feeEuros')}
          hint={t('organisation.feeHint')}
          error={apiErrors.feeCents}
          errorText={invalid.feeCents ? t('common:problem.field.invalid') : undefined}
        >
          {(control) => (
            <input
              {...control}
              inputMode="decimal"
              required
              value={form.fee}
              onChange={(event) => setForm({ ...form, fee: event.target.value })}
            />
          )}
        </Field>
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? t('common:status.saving') : t('organisation.saveMembership')}
        </button>
      </form>
    </>
  );
}
