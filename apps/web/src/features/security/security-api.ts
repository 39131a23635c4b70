import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useMe } from '../../auth/session';

export type TwoFactorStatus = components['schemas']['TwoFactorStatusDto'];
export type TwoFactorEnrolment = components['schemas']['TwoFactorEnrolmentDto'];
export type TwoFactorProof = components['schemas']['TwoFactorProofDto'];

export const TWO_FACTOR_PAGE = '/account/security/two-factor';
const STATUS_KEY = ['me', 'two-factor'];

export function useTwoFactorStatus(enabled = true) {
  return useQuery({
    queryKey: STATUS_KEY,
    queryFn: async () => unwrap(await api.GET('/api/me/two-factor')),
    enabled,
  });
}

/**
 * Whether the signed-in user must enrol before their admin or finance pages open: their roles
 * require two-factor authentication and it is not on (the api answers mfa_enrolment_required).
 */
export function useTwoFactorGate(): { mustEnrol: boolean; isPending: boolean } {
  const { me } = useMe();
  const privileged = Boolean(me?.roles.some((role) => role === 'admin' || role === 'finance'));
  const status = useTwoFactorStatus(privileged);
  if (!privileged) return { mustEnrol: false, isPending: false };
  return {
    mustEnrol: Boolean(status.data && status.data.required && !status.data.enabled),
    isPending: status.isPending,
  };
}

function useRefreshStatus() {
  const queryClient = useQueryClient();
  // Roles held back until enrolment come back with it: refetch everything the user sees.
  return () => queryClient.invalidateQueries();
}

export function useStartEnrolment() {
  return useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/me/two-factor/enrolment')),
  });
}

export function useConfirmEnrolment() {
  const refresh = useRefreshStatus();
  return useMutation({
    mutationFn: async (code: string) =>
      unwrap(await api.POST('/api/me/two-factor/enrolment/confirm', { body: { code } })),
    onSuccess: refresh,
  });
}

export function useRegenerateRecoveryCodes() {
  const refresh = useRefreshStatus();
  return useMutation({
    mutationFn: async (proof: TwoFactorProof) =>
      unwrap(await api.POST('/api/me/two-factor/recovery-codes', { body: proof })),
    onSuccess: refresh,
  });
}

export function useDisableTwoFactor() {
  const refresh = useRefreshStatus();
  return useMutation({
    mutationFn: async (proof: TwoFactorProof) =>
      unwrap(await api.POST('/api/me/two-factor/disable', { body: proof })),
    onSuccess: refresh,
  });
}

/** The second step of a sign-in: the challenge's token with a code or a recovery code. */
export async function completeMfaSignIn(body: {
  mfaToken: string;
  code?: string;
  recoveryCode?: string;
}) {
  return unwrap(await api.POST('/api/auth/login/mfa', { body }));
}
