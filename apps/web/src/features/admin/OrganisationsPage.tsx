import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../components/LoadMore';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Link } from 'react-router';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { MembershipBadge } from './MembershipBadge';
import { useAdminOrganisations } from './admin-queries';
import { DataTable } from '../../components/DataTable';

/** Every member organisation, searchable by name or SIRET and by department, page by page. */
export function OrganisationsPage() {
  const { t } = useTranslation('admin');
  const [search, setSearch] = useState('');
  const [department, setDepartment] = useState('');
  const [filters, setFilters] = useState({ q: '', department: '' });
  const list = useAdminOrganisations(filters.q, filters.department);
  const organisations = list.data?.pages.flatMap((page) => page.items) ?? [];

  function submit(event: FormEvent) {
    event.preventDefault();
    setFilters({ q: search.trim(), department: department.trim() });
  }

  return (
    <section>
      <PageTitle>{t('organisations.title')}</PageTitle>
      <form className="card" role="search" onSubmit={submit}>
        <div className="grid">
          <Field label={t('organisations.search')} hint={t('organisations.searchHint')}>
            {(control) => (
              <input
                {...control}
                type="search"
                value={search}
                onChange={(event) => setSearch(event.target.value)}
              />
            )}
          </Field>
          <Field label={t('organisations.department')} hint={t('organisations.departmentHint')}>
            {(control) => (
              <input
                {...control}
                inputMode="numeric"
                maxLength={3}
                value={department}
                onChange={(event) => setDepartment(event.target.value)}
              />
            )}
          </Field>
        </div>
        <button type="submit" className="button">
          {t('common:actions.search')}
        </button>
      </form>
      {list.isPending ? <Loading /> : null}
      <ProblemAlert ns="admin" error={list.error} />
      {list.isSuccess && organisations.length === 0 ? <p>{t('organisations.empty')}</p> : null}
      {organisations.length > 0 ? (
        <DataTable
          caption={t('organisations.caption')}
          rows={organisations}
          rowKey={(organisation) => organisation.id}
          columns={[
            {
              id: 'legalName',
              header: t('organisations.legalName'),
              rowHeader: true,
              cell: (organisation) => (
                <Link to={`/admin/organisations/${organisation.id}`}>{organisation.legalName}</Link>
              ),
            },
            {
              id: 'legalForm',
              header: t('organisations.legalForm'),
              cell: (organisation) => t(`legalForm.${organisation.legalForm}`),
            },
            {
              id: 'siret',
              header: t('organisations.siret'),
              // An association without a SIRET is known by its RNA number.
              cell: (organisation) => organisation.siret ?? organisation.rna ?? '',
            },
            {
              id: 'department',
              header: t('organisations.department'),
              cell: (organisation) => organisation.department,
            },
            {
              id: 'membership',
              header: t('organisations.membership'),
              cell: (organisation) =>
                organisation.membership ? (
                  <MembershipBadge
                    status={organisation.membership.status}
                    year={organisation.membership.year}
                  />
                ) : (
                  t('membership.none')
                ),
            },
          ]}
        />
      ) : null}
      <LoadMore query={list} />
    </section>
  );
}
