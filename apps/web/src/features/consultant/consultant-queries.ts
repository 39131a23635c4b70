import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
  type QueryKey,
} from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type {
  AttendanceMark,
  AttendanceResult,
  ManagedOffering,
  Offering,
  OfferingInput,
  Profile,
  ProfileInput,
  Session,
  SessionCancellation,
  SessionInput,
  Slot,
  WeeklyPattern,
} from './types';

/** Keys of the consultant pages' queries: every one starts with `all`, which a change refreshes. */
export const consultantKeys = {
  all: ['consultant'] as const,
  offerings: ['consultant', 'offerings'] as const,
  offering: (id: string | undefined) => ['consultant', 'offering', id] as const,
  sessions: (offeringId: string | undefined) => ['consultant', 'sessions', offeringId] as const,
  slots: (offeringId: string) => ['consultant', 'slots', offeringId] as const,
  attendees: (sessionId: string) => ['consultant', 'attendees', sessionId] as const,
  profile: ['consultant', 'profile'] as const,
  /** Shared with every page that lists categories. */
  categories: ['categories'] as const,
};

/** What a page does around a change: the hooks refresh the queries in between. */
export interface ChangeHandlers<Result, Variables> {
  /** The request leaves: clear the last message. */
  onStart?: () => void;
  /** The api said yes, before the refresh: close a confirmation, empty a form. */
  onAnswered?: (result: Result, variables: Variables) => void;
  /** The pages show the change: say so. */
  onRefreshed?: (result: Result, variables: Variables) => void | Promise<void>;
}

function refreshingAfter<Result, Variables>(
  queryClient: QueryClient,
  queryKey: QueryKey,
  handlers: ChangeHandlers<Result, Variables>,
) {
  return {
    onMutate: () => handlers.onStart?.(),
    onSuccess: async (result: Result, variables: Variables) => {
      handlers.onAnswered?.(result, variables);
      await queryClient.invalidateQueries({ queryKey });
      await handlers.onRefreshed?.(result, variables);
    },
  };
}

export function useCategories() {
  return useQuery({
    queryKey: consultantKeys.categories,
    queryFn: async () => unwrap(await api.GET('/api/categories')),
    staleTime: 10 * 60_000,
  });
}

/** The consultant's own offerings, in every status. */
export function useMyOfferings() {
  return useInfiniteQuery({
    queryKey: consultantKeys.offerings,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/consultants/me/offerings', {
          params: { query: { limit: 20, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useOffering(id: string | undefined) {
  return useQuery({
    queryKey: consultantKeys.offering(id),
    queryFn: async () =>
      unwrap(await api.GET('/api/offerings/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
}

export function useCreateOffering(handlers: ChangeHandlers<Offering, OfferingInput>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: OfferingInput) =>
      unwrap(await api.POST('/api/offerings', { body: input })),
    ...refreshingAfter(queryClient, consultantKeys.all, handlers),
  });
}

/** Saves an offering's fields; on a published one the api keeps them as a revision to review. */
export function useUpdateOffering(
  id: string,
  handlers: ChangeHandlers<ManagedOffering, OfferingInput>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: OfferingInput) =>
      unwrap(await api.PATCH('/api/offerings/{id}', { params: { path: { id } }, body: input })),
    ...refreshingAfter(queryClient, consultantKeys.all, handlers),
  });
}

export type WorkflowAction = 'submit' | 'archive';

/** Submits an offering for moderation, or archives it. */
export function useOfferingWorkflow(
  id: string,
  handlers: ChangeHandlers<ManagedOffering, WorkflowAction>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (action: WorkflowAction) =>
      unwrap(
        action === 'submit'
          ? await api.POST('/api/offerings/{id}/submit', { params: { path: { id } } })
          : await api.POST('/api/offerings/{id}/archive', { params: { path: { id } } }),
      ),
    ...refreshingAfter(queryClient, consultantKeys.all, handlers),
  });
}

export function useSessions(offeringId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: consultantKeys.sessions(offeringId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/offerings/{id}/sessions', { params: { path: { id: offeringId! } } }),
      ),
    enabled: Boolean(offeringId) && enabled,
  });
}

export function useScheduleSession(
  offeringId: string,
  handlers: ChangeHandlers<Session, SessionInput>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: SessionInput) =>
      unwrap(
        await api.POST('/api/offerings/{id}/sessions', {
          params: { path: { id: offeringId } },
          body: input,
        }),
      ),
    ...refreshingAfter(queryClient, consultantKeys.all, handlers),
  });
}

/** Cancels a session (and its bookings), with the reason the attendees are told if any. */
export function useCancelSession(
  handlers: ChangeHandlers<SessionCancellation, { session: Session; reason: string }>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ session, reason }: { session: Session; reason: string }) =>
      unwrap(
        await api.POST('/api/sessions/{id}/cancel', {
          params: { path: { id: session.id } },
          body: reason.trim() ? { reason: reason.trim() } : {},
        }),
      ),
    ...refreshingAfter(queryClient, consultantKeys.all, handlers),
  });
}

export function useAttendees(sessionId: string) {
  return useQuery({
    queryKey: consultantKeys.attendees(sessionId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/sessions/{id}/attendees', { params: { path: { id: sessionId } } }),
      ),
  });
}

export function useMarkAttendance(
  sessionId: string,
  handlers: ChangeHandlers<AttendanceResult, AttendanceMark[]>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (marks: AttendanceMark[]) =>
      unwrap(
        await api.POST('/api/sessions/{id}/attendance', {
          params: { path: { id: sessionId } },
          body: { attendees: marks },
        }),
      ),
    ...refreshingAfter(queryClient, consultantKeys.all, handlers),
  });
}

export function useSlots(offeringId: string, enabled: boolean) {
  return useQuery({
    queryKey: consultantKeys.slots(offeringId),
    queryFn: async () =>
      unwrap(await api.GET('/api/offerings/{id}/slots', { params: { path: { id: offeringId } } })),
    enabled,
  });
}

/** Opens the free slots of a weekly pattern. */
export function useOpenSlots(offeringId: string, handlers: ChangeHandlers<Slot[], WeeklyPattern>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (pattern: WeeklyPattern) =>
      unwrap(
        await api.POST('/api/offerings/{id}/slots', {
          params: { path: { id: offeringId } },
          body: { pattern },
        }),
      ),
    ...refreshingAfter(queryClient, consultantKeys.all, handlers),
  });
}

/** Withdraws a free slot; answers with the slot (the api answers 204). */
export function useWithdrawSlot(handlers: ChangeHandlers<Slot, Slot>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (slot: Slot) => {
      const result = await api.DELETE('/api/slots/{id}', { params: { path: { id: slot.id } } });
      if (!result.response.ok) unwrap(result);
      return slot;
    },
    ...refreshingAfter(queryClient, consultantKeys.all, handlers),
  });
}

export function useProfile() {
  return useQuery({
    queryKey: consultantKeys.profile,
    queryFn: async () => unwrap(await api.GET('/api/consultants/me/profile')),
  });
}

export function useSaveProfile(handlers: ChangeHandlers<Profile, ProfileInput>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ProfileInput) =>
      unwrap(await api.PUT('/api/consultants/me/profile', { body })),
    ...refreshingAfter(queryClient, consultantKeys.profile, handlers),
  });
}
