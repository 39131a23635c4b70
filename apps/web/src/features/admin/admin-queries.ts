import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type {
  Delivery,
  DeliveryStatus,
  ManagedOffering,
  Membership,
  ModeratedOffering,
  MembershipStatus,
  PlatformRole,
  User,
  VatTreatment,
} from './types';

/** Keys of the admin pages' queries, so that each mutation refreshes exactly what it changed. */
export const adminKeys = {
  moderation: ['admin', 'moderation'] as const,
  /** Under the moderation queue's key, so that whatever refreshes one refreshes both. */
  revisions: ['admin', 'moderation', 'revisions'] as const,
  consultants: ['admin', 'consultants'] as const,
  categories: ['admin', 'categories'] as const,
  allOrganisations: ['admin', 'organisations'] as const,
  organisations: (q: string, department: string) =>
    ['admin', 'organisations', { q, department }] as const,
  /** Also the prefix of the organisation's memberships. */
  organisation: (id: string) => ['admin', 'organisation', id] as const,
  memberships: (id: string) => ['admin', 'organisation', id, 'memberships'] as const,
  allUsers: ['admin', 'users'] as const,
  users: (q: string, role: string) => ['admin', 'users', { q, role }] as const,
  allNotifications: ['admin', 'notifications'] as const,
  notifications: (status: string, recipient: string) =>
    ['admin', 'notifications', { status, recipient }] as const,
  audit: (filters: Record<string, string>) => ['admin', 'audit', filters] as const,
  vatOfferings: ['admin', 'vat-offerings'] as const,
  chambre: ['chambre'] as const,
};

/** The signed-in user's own roles (the session's `me`), which a role change may alter. */
const ME_KEY = ['me'] as const;

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

/** Offerings submitted by consultants, oldest first. */
export function useModerationQueue() {
  return useInfiniteQuery({
    queryKey: adminKeys.moderation,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/moderation/offerings', {
          params: { query: { cursor: pageParam, limit: 20 } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** Changes proposed to published offerings, oldest first. */
export function usePendingRevisions() {
  return useInfiniteQuery({
    queryKey: adminKeys.revisions,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/moderation/offering-revisions', {
          params: { query: { cursor: pageParam, limit: 20 } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/**
 * Publishes a submitted offering, or a published one's pending revision; `onPublished` runs
 * once the moderation queues are fresh.
 */
export function usePublishOffering(offeringId: string, onPublished: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/offerings/{id}/publish', { params: { path: { id: offeringId } } }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: adminKeys.moderation });
      onPublished();
    },
  });
}

/** Refuses a submitted offering, or a pending revision (the live version stays), with a reason. */
export function useRejectOffering(offeringId: string, onRejected: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (reason: string) =>
      unwrap(
        await api.POST('/api/offerings/{id}/reject', {
          params: { path: { id: offeringId } },
          body: { reason },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: adminKeys.moderation });
      onRejected();
    },
  });
}

export function useSetVatTreatment(offeringId: string, onSaved: (saved: ManagedOffering) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (vatTreatment: VatTreatment) =>
      unwrap(
        await api.PUT('/api/offerings/{id}/vat-treatment', {
          params: { path: { id: offeringId } },
          body: { vatTreatment },
        }),
      ),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: adminKeys.moderation });
      await queryClient.invalidateQueries({ queryKey: adminKeys.vatOfferings });
      onSaved(saved);
    },
  });
}

/** The Chambre's offerings in the given statuses, for finance and admins deciding their VAT regime. */
export function useOfferingsForVat(statuses: ModeratedOffering['status'][]) {
  return useInfiniteQuery({
    queryKey: [...adminKeys.vatOfferings, statuses],
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/moderation/offerings', {
          params: { query: { status: statuses, limit: 50, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useAdminOrganisations(q: string, department: string) {
  return useInfiniteQuery({
    queryKey: adminKeys.organisations(q, department),
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/organisations', {
          params: {
            query: {
              q: q || undefined,
              department: department || undefined,
              cursor: pageParam,
              limit: 20,
            },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useAdminOrganisation(id: string) {
  return useQuery({
    queryKey: adminKeys.organisation(id),
    queryFn: async () =>
      unwrap(await api.GET('/api/organisations/{id}', { params: { path: { id } } })),
  });
}

export function useMemberships(organisationId: string) {
  return useQuery({
    queryKey: adminKeys.memberships(organisationId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/organisations/{id}/memberships', {
          params: { path: { id: organisationId } },
        }),
      ),
  });
}

/** Sets one year's adhésion; the organisation, its memberships and the list refresh. */
export function useSetMembership(organisationId: string, onSaved: (saved: Membership) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({
      year,
      body,
    }: {
      year: number;
      body: { status: MembershipStatus; feeCents: number };
    }) =>
      unwrap(
        await api.PUT('/api/organisations/{id}/memberships/{year}', {
          params: { path: { id: organisationId, year } },
          body,
        }),
      ),
    onSuccess: async (saved) => {
      onSaved(saved);
      await queryClient.invalidateQueries({ queryKey: adminKeys.organisation(organisationId) });
      await queryClient.invalidateQueries({ queryKey: adminKeys.allOrganisations });
    },
  });
}

export function useUsers(q: string, role: PlatformRole | '') {
  return useInfiniteQuery({
    queryKey: adminKeys.users(q, role),
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/users', {
          params: {
            query: {
              q: q || undefined,
              role: role || undefined,
              cursor: pageParam,
              limit: 20,
            },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useSetUserRoles({
  onStart,
  onSaved,
}: {
  onStart: () => void;
  onSaved: (saved: User) => void;
}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ user, roles }: { user: User; roles: PlatformRole[] }) =>
      unwrap(
        await api.PUT('/api/users/{id}/roles', {
          params: { path: { id: user.id } },
          body: { roles },
        }),
      ),
    onMutate: onStart,
    onSuccess: async (saved) => {
      // Still pending until the list is fresh, so the boxes never flick back to the old roles.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: adminKeys.allUsers }),
        queryClient.invalidateQueries({ queryKey: adminKeys.consultants }),
        queryClient.invalidateQueries({ queryKey: ME_KEY }),
      ]);
      onSaved(saved);
    },
  });
}

export function useDeliveries(status: DeliveryStatus | '', recipient: string) {
  return useInfiniteQuery({
    queryKey: adminKeys.notifications(status, recipient),
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/admin/notifications', {
          params: {
            query: {
              status: status ? [status] : undefined,
              recipient: recipient || undefined,
              cursor: pageParam,
              limit: 50,
            },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useResendDelivery({
  onStart,
  onResent,
}: {
  onStart: () => void;
  onResent: (delivery: Delivery) => void;
}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (delivery: Delivery) =>
      unwrap(
        await api.POST('/api/admin/notifications/{id}/resend', {
          params: { path: { id: delivery.id } },
        }),
      ),
    onMutate: onStart,
    onSuccess: async (delivery) => {
      onResent(delivery);
      await queryClient.invalidateQueries({ queryKey: adminKeys.allNotifications });
    },
  });
}

export function useAuditLog(query: Record<string, string>) {
  return useInfiniteQuery({
    queryKey: adminKeys.audit(query),
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/admin/audit', {
          params: { query: { ...query, cursor: pageParam, limit: 50 } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}
