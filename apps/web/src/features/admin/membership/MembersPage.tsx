import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { DataTable } from '../../../components/DataTable';
import { Field } from '../../../components/Field';
import { LoadMore } from '../../../components/LoadMore';
import { Loading } from '../../../components/Loading';
import { Money } from '../../../components/Money';
import { PageTitle } from '../../../components/PageTitle';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { StandingBadge } from './YearStatusBadge';
import { membershipYear } from '../membership';
import { useMembers } from './membership-admin-queries';
import { MembershipNav } from './MembershipNav';
import type { MemberPaymentFilter } from './types';

const FILTERS: (MemberPaymentFilter | '')[] = ['', 'paid', 'unpaid', 'lapsed'];

/** `/admin/membership/members?year=&status=`: the members of a year, paid, unpaid or lapsed. */
export function MembersPage() {
  const { t } = useTranslation('membership');
  const [params, setParams] = useSearchParams();
  const thisYear = membershipYear(new Date());
  const year = Number(params.get('year')) || thisYear;
  const status = FILTERS.find((each) => each === params.get('status')) ?? '';
  const members = useMembers(year, status);
  const rows = members.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section className="stack">
      <MembershipNav />
      <PageTitle>{t('admin.members.title', { year })}</PageTitle>
      <div className="row">
        <Field label={t('admin.members.year')}>
          {(control) => (
            <select
              {...control}
              value={year}
              onChange={(event) =>
                setParams({ year: event.target.value, ...(status ? { status } : {}) })
              }
            >
              {[-2, -1, 0, 1].map((offset) => (
                <option key={offset} value={thisYear + offset}>
                  {thisYear + offset}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('admin.members.filter')}>
          {(control) => (
            <select
              {...control}
              value={status}
              onChange={(event) =>
                setParams({
                  year: String(year),
                  ...(event.target.value ? { status: event.target.value } : {}),
                })
              }
            >
              {FILTERS.map((each) => (
                <option key={each || 'all'} value={each}>
                  {t(`admin.members.filters.${each || 'all'}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {members.isPending ? <Loading /> : null}
      <ProblemAlert ns="membership" error={members.error} />
      {members.isSuccess && rows.length === 0 ? <p>{t('admin.members.none')}</p> : null}
      {rows.length > 0 ? (
        <DataTable
          caption={t('admin.members.title', { year })}
          rows={rows}
          rowKey={(row) => row.organisationId}
          columns={[
            {
              id: 'name',
              header: t('admin.members.organisation'),
              rowHeader: true,
              cell: (row) => (
                <Link to={`/admin/organisations/${row.organisationId}`}>{row.legalName}</Link>
              ),
            },
            {
              id: 'ids',
              header: t('admin.members.identifier'),
              cell: (row) => row.siret ?? row.rna ?? '—',
            },
            {
              id: 'status',
              header: t('admin.members.status'),
              cell: (row) => <StandingBadge standing={row.status} />,
            },
            {
              id: 'fee',
              header: t('year.fee'),
              numeric: true,
              cell: (row) => <Money cents={row.feeCents} />,
            },
            {
              id: 'invoice',
              header: t('year.invoice'),
              cell: (row) => row.invoiceNumber ?? '—',
            },
            {
              id: 'due',
              header: t('year.amountDue'),
              numeric: true,
              cell: (row) =>
                row.amountDueCents === null ? '—' : <Money cents={row.amountDueCents} />,
            },
          ]}
        />
      ) : null}
      <LoadMore query={members} />
    </section>
  );
}
