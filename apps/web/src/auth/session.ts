import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { sessionStore } from './session-store';

export type Profile = components['schemas']['ProfileDto'];
export type Role = Profile['roles'][number];

export function useSignedIn(): boolean {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.isSignedIn);
}

/** The signed-in user with their organisations and roles; null for a visitor. */
export function useMe() {
  const signedIn = useSignedIn();
  const query = useQuery({
    queryKey: ['me'],
    queryFn: async () => unwrap(await api.GET('/api/me')),
    enabled: signedIn,
    staleTime: 60_000,
  });
  return { ...query, me: signedIn ? (query.data ?? null) : null, signedIn };
}

/**
 * Reads the signed-in user again after a change to their account. A first read still in flight
 * (a page opened from an e-mailed link) may predate the change, and invalidating alone would join
 * it, so it is cancelled first.
 */
export async function reloadMe(queryClient: QueryClient): Promise<void> {
  await queryClient.cancelQueries({ queryKey: ['me'] });
  await queryClient.invalidateQueries({ queryKey: ['me'] });
}

export function hasRole(me: Profile | null, role: Role): boolean {
  return me?.roles.includes(role) ?? false;
}

export type MfaChallenge = components['schemas']['MfaChallengeDto'];

/**
 * Signs in with e-mail and password; for an account with two-factor authentication, answers the
 * challenge that the code step (features/security/TwoFactorStep) completes, else null.
 */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useCallback(
    async (email: string, password: string): Promise<MfaChallenge | null> => {
      const answer = unwrap(await api.POST('/api/auth/login', { body: { email, password } }));
      if ('mfaRequired' in answer) return answer;
      sessionStore.signIn(answer);
      await queryClient.invalidateQueries();
      return null;
    },
    [queryClient],
  );
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    const refreshToken = sessionStore.refreshToken();
    if (refreshToken)
      await api.POST('/api/auth/logout', { body: { refreshToken } }).catch(() => undefined);
    sessionStore.signOut();
    queryClient.clear();
  }, [queryClient]);
}
