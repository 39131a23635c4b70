import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { components } from '../../../api/schema';

export type BookingDocuments = components['schemas']['BookingDocumentsDto'];
export type TrainingDocument = components['schemas']['TrainingDocumentDto'];
export type TrainingSettings = components['schemas']['TrainingSettingsDto'];
export type TrainingSettingsInput = components['schemas']['TrainingSettingsBodyDto'];

export const conventionKeys = {
  documents: (bookingId: string) => ['training', 'booking-documents', bookingId] as const,
  settings: ['training', 'settings'] as const,
};

/** A booking's training documents; polled while its convention is still being made. */
export function useBookingDocuments(bookingId: string, enabled: boolean) {
  return useQuery({
    queryKey: conventionKeys.documents(bookingId),
    enabled,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/bookings/{id}/documents', { params: { path: { id: bookingId } } }),
      ),
    refetchInterval: (query) => (query.state.data && !query.state.data.convention ? 3_000 : false),
  });
}

export function useSignConvention(bookingId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { documentId: string; sha256: string; signerCapacity: string }) =>
      unwrap(
        await api.POST('/api/documents/{id}/signatures', {
          params: { path: { id: input.documentId } },
          body: {
            sha256: input.sha256,
            consent: true,
            ...(input.signerCapacity.trim() ? { signerCapacity: input.signerCapacity.trim() } : {}),
          },
        }),
      ),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: conventionKeys.documents(bookingId) }),
  });
}

export function useTrainingSettings() {
  return useQuery({
    queryKey: conventionKeys.settings,
    queryFn: async () => unwrap(await api.GET('/api/admin/training/settings')),
  });
}

export function useSaveTrainingSettings(onSaved: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: TrainingSettingsInput) =>
      unwrap(await api.PUT('/api/admin/training/settings', { body })),
    onSuccess: (saved) => {
      queryClient.setQueryData(conventionKeys.settings, saved);
      onSaved();
    },
  });
}

/** The platform's admins, who may be named the Chambre's signatory. */
export function useAdminUsers() {
  return useQuery({
    queryKey: ['training', 'admin-users'],
    queryFn: async () =>
      unwrap(await api.GET('/api/users', { params: { query: { role: 'admin', limit: 100 } } })),
    staleTime: 5 * 60_000,
  });
}
