import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../components/LoadMore';
import { api, unwrap } from '../../api/client';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { adminKeys } from './queries';
import { PLATFORM_ROLES, type PlatformRole, type User, withRole } from './roles';
import { ProblemAlert } from '../../components/ProblemAlert';
import { StatusMessage } from './StatusMessage';
import { EraseUserControl } from '../privacy/EraseUserControl';
import { StatusBadge } from '../../components/StatusBadge';

/** Every account, searchable, with the platform roles the Chambre grants (admin, finance, consultant). */
export function UsersPage() {
  const { t } = useTranslation('admin');
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<PlatformRole | ''>('');
  const [filters, setFilters] = useState<{ q: string; role: PlatformRole | '' }>({
    q: '',
    role: '',
  });
  const [message, setMessage] = useState<string | null>(null);
  const list = useInfiniteQuery({
    queryKey: adminKeys.users(filters.q, filters.role),
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/users', {
          params: {
            query: {
              q: filters.q || undefined,
              role: filters.role || undefined,
              cursor: pageParam,
              limit: 20,
            },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const setRoles = useMutation({
    mutationFn: async ({ user, roles }: { user: User; roles: PlatformRole[] }) =>
      unwrap(
        await api.PUT('/api/users/{id}/roles', {
          params: { path: { id: user.id } },
          body: { roles },
        }),
      ),
    onMutate: () => setMessage(null),
    onSuccess: async (saved) => {
      // Still pending until the list is fresh, so the boxes never flick back to the old roles.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['admin', 'users'] }),
        queryClient.invalidateQueries({ queryKey: adminKeys.consultants }),
        queryClient.invalidateQueries({ queryKey: ['me'] }),
      ]);
      setMessage(t('users.saved', { name: saved.name }));
    },
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
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('users.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('users.name')}</th>
                <th scope="col">{t('users.email')}</th>
                <th scope="col">{t('users.roles')}</th>
                <th scope="col">{t('privacy:admin.column')}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id}>
                  <th scope="row">
                    {user.name}{' '}
                    {user.disabled ? <StatusBadge>{t('users.disabled')}</StatusBadge> : null}
                  </th>
                  <td>{user.email}</td>
                  <td>
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
                  </td>
                  <td>
                    <EraseUserControl
                      user={user}
                      onErased={(name) => setMessage(t('privacy:admin.done', { name }))}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <LoadMore query={list} />
    </section>
  );
}
