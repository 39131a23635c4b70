import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { reloadMe } from '../../auth/session';
import { sessionStore } from '../../auth/session-store';
import type { EmailChange, PasswordChange } from './types';

/** Keys of the account pages' queries; they hang under the session's `me`. */
export const accountKeys = {
  sessions: ['me', 'sessions'] as const,
};

/** Asks for a reset link; answers with the address, which the page repeats. */
export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: async (email: string) => {
      unwrap(await api.POST('/api/auth/password-reset', { body: { email } }));
      return email;
    },
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: async (body: { token: string; password: string }) =>
      unwrap(await api.POST('/api/auth/password-reset/confirm', { body })),
    // Every session is revoked: this browser's too.
    onSuccess: () => sessionStore.signOut(),
  });
}

export function useVerifyEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (token: string) =>
      unwrap(await api.POST('/api/auth/verify-email', { body: { token } })),
    // The banner goes, and a change of address shows the new one.
    onSuccess: () => reloadMe(queryClient),
  });
}

export function useResendVerification() {
  return useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/me/verification-email')),
  });
}

/** Changes the password; the api closes the other sessions, so their list reloads. */
export function useChangePassword(onChanged: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: PasswordChange) => unwrap(await api.PUT('/api/me/password', { body })),
    onSuccess: async () => {
      onChanged();
      await queryClient.invalidateQueries({ queryKey: accountKeys.sessions });
    },
  });
}

/** Asks to change the e-mail address; answers with the new address, which the page repeats. */
export function useChangeEmail(onRequested: () => void) {
  return useMutation({
    mutationFn: async (body: EmailChange) => {
      unwrap(await api.POST('/api/me/email', { body }));
      return body.newEmail;
    },
    onSuccess: onRequested,
  });
}

export function useLoginSessions() {
  return useQuery({
    queryKey: accountKeys.sessions,
    queryFn: async () => unwrap(await api.GET('/api/me/sessions')),
  });
}

/** Closes one session; the list reloads whatever the answer. */
export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.DELETE('/api/me/sessions/{id}', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountKeys.sessions }),
  });
}

/** Closes every session but this one; the list reloads whatever the answer. */
export function useRevokeOtherSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.DELETE('/api/me/sessions')),
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountKeys.sessions }),
  });
}
