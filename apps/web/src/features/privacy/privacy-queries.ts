import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, download, unwrap } from '../../api/client';
import type { MyAccountErasure } from './types';

/** The admin users list, which an erasure changes (the admin pages' `adminKeys.allUsers`). */
const ADMIN_USERS_KEY = ['admin', 'users'] as const;

/** Downloads what the platform holds about the signed-in user, as JSON. */
export function useExportMyData() {
  return useMutation({
    mutationFn: () => download('/api/me/export', 'mutualis-donnees-personnelles.json'),
  });
}

/** Erases the signed-in user's account (password to confirm). */
export function useEraseMyAccount(onErased: () => unknown) {
  return useMutation({
    mutationFn: async (body: MyAccountErasure) => unwrap(await api.DELETE('/api/me', { body })),
    onSuccess: onErased,
  });
}

/** The Chambre erases a person's data on their request; the users list reloads. */
export function useEraseUser(userId: string, onErased: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { confirmOrphanedOrganisations?: boolean }) =>
      unwrap(await api.POST('/api/users/{id}/erasure', { params: { path: { id: userId } }, body })),
    onSuccess: async () => {
      onErased();
      await queryClient.invalidateQueries({ queryKey: ADMIN_USERS_KEY });
    },
  });
}
