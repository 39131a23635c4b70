import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { reloadMe } from '../../auth/session';
import { searchQuery, type CatalogueFilters } from './catalogue/catalogue-filters';
import type {
  CreateOrganisationBody,
  Invite,
  NotificationPreferences,
  Registration,
  UpdateOrganisationBody,
} from './types';

/**
 * Keys of the public pages' queries. Offerings start with `offerings`, as the member pages'
 * do, so that a booking refreshes the seats shown here too.
 */
export const publicKeys = {
  categories: ['categories'] as const,
  search: (queryString: string) => ['offerings', 'search', queryString] as const,
  offering: (id: string) => ['offerings', id, 'page'] as const,
  organisation: (id: string) => ['organisation', id] as const,
  members: (organisationId: string) => ['organisation', organisationId, 'members'] as const,
  memberships: (organisationId: string) => ['organisation', organisationId, 'memberships'] as const,
  invitation: (token: string) => ['invitation', token] as const,
  notificationPreferences: ['me', 'notification-preferences'] as const,
};

/** The catalogue's categories; they change rarely, so they are read once per visit. */
export function useCategories() {
  return useQuery({
    queryKey: publicKeys.categories,
    queryFn: async () => unwrap(await api.GET('/api/categories')),
    staleTime: Infinity,
  });
}

/** The catalogue's search, page by page; `queryString` is the filters as the URL writes them. */
export function useCatalogueSearch(filters: CatalogueFilters, queryString: string) {
  return useInfiniteQuery({
    queryKey: publicKeys.search(queryString),
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/offerings', { params: { query: searchQuery(filters, pageParam) } }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function usePublicOffering(id: string) {
  return useQuery({
    queryKey: publicKeys.offering(id),
    queryFn: async () => unwrap(await api.GET('/api/offerings/{id}', { params: { path: { id } } })),
  });
}

export function useOrganisation(id: string) {
  return useQuery({
    queryKey: publicKeys.organisation(id),
    queryFn: async () =>
      unwrap(await api.GET('/api/organisations/{id}', { params: { path: { id } } })),
  });
}

export function useOrganisationMembers(organisationId: string) {
  return useQuery({
    queryKey: publicKeys.members(organisationId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/organisations/{id}/members', {
          params: { path: { id: organisationId } },
        }),
      ),
  });
}

export function useOrganisationMemberships(organisationId: string) {
  return useQuery({
    queryKey: publicKeys.memberships(organisationId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/organisations/{id}/memberships', {
          params: { path: { id: organisationId } },
        }),
      ),
  });
}

/** Changes an organisation's details (its administrators, or the Chambre's). */
export function useUpdateOrganisation(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: UpdateOrganisationBody) =>
      unwrap(
        await api.PATCH('/api/organisations/{id}', {
          params: { path: { id } },
          // Sent as typed: isPublicBody left out is unchanged (see UpdateOrganisationBody).
          body: body as components['schemas']['UpdateOrganisationDto'],
        }),
      ),
    onSuccess: (organisation) => {
      queryClient.setQueryData(publicKeys.organisation(id), organisation);
    },
  });
}

/** Registers an organisation; its creator's `me` reloads (they are now its administrator). */
export function useCreateOrganisation(onCreated: (organisation: { id: string }) => unknown) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreateOrganisationBody) =>
      unwrap(await api.POST('/api/organisations', { body })),
    onSuccess: async (organisation) => {
      await reloadMe(queryClient);
      await onCreated(organisation);
    },
  });
}

/** Invites someone by e-mail; the api e-mails them a link to /invitations/:token. */
export function useInvite(organisationId: string, onSent: () => void) {
  return useMutation({
    mutationFn: async (body: Invite) =>
      unwrap(
        await api.POST('/api/organisations/{id}/invitations', {
          params: { path: { id: organisationId } },
          body,
        }),
      ),
    onSuccess: onSent,
  });
}

export function useInvitation(token: string) {
  return useQuery({
    queryKey: publicKeys.invitation(token),
    queryFn: async () =>
      unwrap(await api.GET('/api/invitations/{token}', { params: { path: { token } } })),
  });
}

/** Accepts an invitation; `me` reloads with the organisation before `onAccepted`. */
export function useAcceptInvitation(token: string, onAccepted: () => unknown) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/invitations/{token}/accept', { params: { path: { token } } })),
    onSuccess: async () => {
      await reloadMe(queryClient);
      await onAccepted();
    },
  });
}

export function useNotificationPreferences() {
  return useQuery({
    queryKey: publicKeys.notificationPreferences,
    queryFn: async () => unwrap(await api.GET('/api/me/notification-preferences')),
  });
}

export function useSaveNotificationPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: NotificationPreferences) =>
      unwrap(await api.PUT('/api/me/notification-preferences', { body })),
    onSuccess: (saved) => queryClient.setQueryData(publicKeys.notificationPreferences, saved),
  });
}

/** Creates an account; the api answers alike whether or not the address had one. */
export async function registerAccount(body: Registration): Promise<void> {
  unwrap(await api.POST('/api/auth/register', { body }));
}
