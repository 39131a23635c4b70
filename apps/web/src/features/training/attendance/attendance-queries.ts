import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { components } from '../../../api/schema';

export type SigningPage = components['schemas']['SigningPageDto'];
export type SessionHalfDays = components['schemas']['SessionHalfDaysDto'];
export type SignatureBody = components['schemas']['SignatureDto'];

export const attendanceKeys = {
  page: (token: string) => ['attendance', 'link', token] as const,
  halfDays: (sessionId: string) => ['sessions', sessionId, 'half-days'] as const,
};

/**
 * Where this phone keeps the pass its last signature got back: sent with the next one, it lets
 * the api refuse this phone signing for a colleague (see the api's SignAttendanceUseCase).
 */
const DEVICE_PASS_KEY = 'mutualis.attendance.devicePass';

function savedDevicePass(): string | undefined {
  try {
    return window.localStorage.getItem(DEVICE_PASS_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** The phone page's facts for a signing link (no account: the link is the key). */
export function useSigningPage(token: string) {
  return useQuery({
    queryKey: attendanceKeys.page(token),
    queryFn: async () =>
      unwrap(await api.GET('/api/attendance/{token}', { params: { path: { token } } })),
  });
}

export function useSignAttendance(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (signature: SignatureBody) =>
      unwrap(
        await api.POST('/api/attendance/{token}', {
          params: { path: { token } },
          body: { ...signature, devicePass: savedDevicePass() },
        }),
      ),
    onSuccess: (signed) => {
      try {
        window.localStorage.setItem(DEVICE_PASS_KEY, signed.devicePass);
      } catch {
        // private mode: this phone is not remembered
      }
      void queryClient.invalidateQueries({ queryKey: attendanceKeys.page(token) });
    },
  });
}

/** The consultant's grid of a session: half-days × trainees, links and QR codes. */
export function useSessionHalfDays(sessionId: string) {
  return useQuery({
    queryKey: attendanceKeys.halfDays(sessionId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/sessions/{id}/half-days', { params: { path: { id: sessionId } } }),
      ),
  });
}

function useGridMutation<T>(sessionId: string, send: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: attendanceKeys.halfDays(sessionId) }),
  });
}

export function useRecordAbsence(sessionId: string) {
  return useGridMutation(
    sessionId,
    async (input: { halfDayId: string; attendeeId: string; reason: string }) =>
      unwrap(
        await api.POST('/api/half-days/{id}/absences', {
          params: { path: { id: input.halfDayId } },
          body: { attendeeId: input.attendeeId, reason: input.reason },
        }),
      ),
  );
}

export function useRecordMinutesMissed(sessionId: string) {
  return useGridMutation(
    sessionId,
    async (input: { halfDayId: string; attendeeId: string; minutes: number }) =>
      unwrap(
        await api.POST('/api/half-days/{id}/minutes-missed', {
          params: { path: { id: input.halfDayId } },
          body: { attendeeId: input.attendeeId, minutes: input.minutes },
        }),
      ),
  );
}

export function useCountersign(sessionId: string) {
  return useGridMutation(
    sessionId,
    async (input: { halfDayId: string; signature: SignatureBody }) =>
      unwrap(
        await api.POST('/api/half-days/{id}/countersignature', {
          params: { path: { id: input.halfDayId } },
          body: input.signature,
        }),
      ),
  );
}
