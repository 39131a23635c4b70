import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

/** Every query of this area starts with this key, so that one invalidation refreshes them all. */
export const CONSULTANT_KEY = 'consultant';

export function useCategories() {
  return useQuery({
    queryKey: ['categories'],
    queryFn: async () => unwrap(await api.GET('/api/categories')),
    staleTime: 10 * 60_000,
  });
}

export function useOffering(id: string | undefined) {
  return useQuery({
    queryKey: [CONSULTANT_KEY, 'offering', id],
    queryFn: async () =>
      unwrap(await api.GET('/api/offerings/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
}

export function useSessions(offeringId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [CONSULTANT_KEY, 'sessions', offeringId],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/offerings/{id}/sessions', { params: { path: { id: offeringId! } } }),
      ),
    enabled: Boolean(offeringId) && enabled,
  });
}

export function useSlots(offeringId: string, enabled: boolean) {
  return useQuery({
    queryKey: [CONSULTANT_KEY, 'slots', offeringId],
    queryFn: async () =>
      unwrap(await api.GET('/api/offerings/{id}/slots', { params: { path: { id: offeringId } } })),
    enabled,
  });
}
