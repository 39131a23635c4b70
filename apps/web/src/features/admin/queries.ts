import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';

/** Keys of the admin pages' queries, so that each mutation refreshes exactly what it changed. */
export const adminKeys = {
  moderation: ['admin', 'moderation'] as const,
  consultants: ['admin', 'consultants'] as const,
  categories: ['admin', 'categories'] as const,
  organisations: (q: string, department: string) =>
    ['admin', 'organisations', { q, department }] as const,
  organisation: (id: string) => ['admin', 'organisation', id] as const,
  memberships: (id: string) => ['admin', 'organisation', id, 'memberships'] as const,
  users: (q: string, role: string) => ['admin', 'users', { q, role }] as const,
  notifications: (status: string, recipient: string) =>
    ['admin', 'notifications', { status, recipient }] as const,
  audit: (filters: Record<string, string>) => ['admin', 'audit', filters] as const,
};

/** Category labels by slug, in the interface's language. */
export function useCategoryLabels(): Map<string, string> {
  const { i18n } = useTranslation();
  const { data } = useQuery({
    queryKey: adminKeys.categories,
    queryFn: async () => unwrap(await api.GET('/api/categories')),
    staleTime: 10 * 60_000,
  });
  const english = i18n.language.startsWith('en');
  return new Map(
    (data ?? []).map((category) => [category.slug, english ? category.labelEn : category.labelFr]),
  );
}

/** Consultants' names by user id: offerings carry only the consultant's id. */
export function useConsultantNames(): Map<string, string> {
  const { data } = useQuery({
    queryKey: adminKeys.consultants,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/users', { params: { query: { role: 'consultant', limit: 100 } } }),
      ),
    staleTime: 5 * 60_000,
  });
  return new Map((data?.items ?? []).map((user) => [user.id, user.name]));
}
