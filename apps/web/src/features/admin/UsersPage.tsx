import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../components/LoadMore';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { useSetUserRoles, useUsers } from './admin-queries';
import { PLATFORM_ROLES, withRole } from './roles';
import type { PlatformRole, User } from './types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { StatusMessage } from './StatusMessage';
import { EraseUserControl } from '../privacy/EraseUserControl';
import { StatusBadge } from '../../components/StatusBadge';
import { DataTable } from '../../components/DataTable';

/** Every account, searchable, with the platform roles the Chambre grants (admin, finance, consultant). */
export function UsersPage() {
  const { t } = useTranslation('admin');
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<PlatformRole | ''>('');
  const [filters, setFilters] = useState<{ q: string; role: PlatformRole | '' }>({
    q: '',
    role: '',
  });
  const [message, setMessage] = useState<string | null>(null);
  const list = useUsers(filters.q, filters.role);
  const setRoles = useSetUserRoles({
    onStart: () => setMessage(null),
    onSaved: (saved) => setMessage(t('users.saved', { name: saved.name })),
  });
  // The roles being saved show at once; a refusal brings back the stored ones.
  const rolesShown = (user: User) =>
    setRoles.isPending && setRoles.variables.user.id === user.id
      ? setRoles.variables.roles
      : user.roles;
  const users = list.data?.pages.flatMap((page) => page.items) ?? [];

  function submit(event: FormEvent) {
    event.preventDefault();
    setFilters({ q: search.trim(), role });
  }

  return (
    <section>
      <PageTitle>{t('users.title')}</PageTitle>
      <form className="card" role="search" onSubmit={submit}>
        <div className="grid">
          <Field label={t('users.search')}>
            {(control) => (
              <input
                {...control}
                type="search"
                value={search}
                onChange={(event) => setSearch(event.target.value)}
              />
            )}
          </Field>
          <Field label={t('users.roleFilter')}>
            {(control) => (
              <select
                {...control}
                value={role}
                onChange={(event) => setRole(event.target.value as PlatformRole | '')}
              >
                <option value="">{t('users.anyRole')}</option>
                {PLATFORM_ROLES.map((candidate) => (
                  <option key={candidate} value={candidate}>
                    {t(`role.${candidate}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <button type="submit" className="button">
          {t('common:actions.search')}
        </button>
      </form>
      <StatusMessage message={message} />
      {list.isPending ? <Loading /> : null}
      <ProblemAlert ns="admin" error={list.error} />
      {list.isSuccess && users.length === 0 ? <p>{t('users.empty')}</p> : null}
      {users.length > 0 ? (
        <DataTable
          caption={t('users.caption')}
          rows={users}
          rowKey={(user) => user.id}
          columns={[
            {
              id: 'name',
              header: t('users.name'),
              rowHeader: true,
              cell: (user) => (
                <>
                  {user.name}{' '}
                  {user.disabled ? <StatusBadge>{t('users.disabled')}</StatusBadge> : null}
                </>
              ),
            },
            { id: 'email', header: t('users.email'), cell: (user) => user.email },
            {
              id: 'roles',
              header: t('users.roles'),
              cell: (user) => (
                <>
                  <fieldset
                    className="row"
                    style={{ border: 0, margin: 0, padding: 0 }}
                    disabled={setRoles.isPending || user.erased}
                  >
                    <legend className="visually-hidden">
                      {t('users.rolesOf', { name: user.name })}
                    </legend>
                    {PLATFORM_ROLES.map((candidate) => (
                      <label key={candidate} className="row" style={{ gap: '0.25rem' }}>
                        <input
                          type="checkbox"
                          checked={rolesShown(user).includes(candidate)}
                          onChange={(event) =>
                            setRoles.mutate({
                              user,
                              roles: withRole(user.roles, candidate, event.target.checked),
                            })
                          }
                        />
                        {t(`role.${candidate}`)}
                      </label>
                    ))}
                  </fieldset>
                  {setRoles.variables?.user.id === user.id ? (
                    <ProblemAlert ns="admin" error={setRoles.error} />
                  ) : null}
                </>
              ),
            },
            {
              id: 'erase',
              header: t('privacy:admin.column'),
              cell: (user) => (
                <EraseUserControl
                  user={user}
                  onErased={(name) => setMessage(t('privacy:admin.done', { name }))}
                />
              ),
            },
          ]}
        />
      ) : null}
      <LoadMore query={list} />
    </section>
  );
}
