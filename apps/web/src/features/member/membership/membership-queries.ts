import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download, unwrap } from '../../../api/client';
import { query } from './membership-api';
import type { ApplicationInput, MembershipApplication } from './types';

export const membershipKeys = {
  all: ['membership'] as const,
  years: (organisationId: string) => ['membership', 'years', organisationId] as const,
  applications: (organisationId: string) => ['membership', 'applications', organisationId] as const,
  charter: ['membership', 'charter'] as const,
  feeSchedule: (year: number) => ['membership', 'fee-schedule', year] as const,
};

export function useMembershipYears(organisationId: string | undefined) {
  return useQuery({
    queryKey: membershipKeys.years(organisationId ?? ''),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/organisations/{id}/membership-years', {
          params: { path: { id: organisationId! } },
        }),
      ),
    enabled: Boolean(organisationId),
  });
}

export function useOrganisationApplications(organisationId: string | undefined) {
  return useQuery({
    queryKey: membershipKeys.applications(organisationId ?? ''),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/organisations/{id}/membership-applications', {
          params: { path: { id: organisationId! } },
        }),
      ),
    enabled: Boolean(organisationId),
  });
}

export function useCharter() {
  return useQuery({
    queryKey: membershipKeys.charter,
    queryFn: async () => unwrap(await api.GET('/api/membership/charter')),
    staleTime: 10 * 60_000,
  });
}

export function useFeeSchedule(year: number) {
  return useQuery({
    queryKey: membershipKeys.feeSchedule(year),
    queryFn: async () =>
      unwrap(await api.GET('/api/membership/fee-schedules/{year}', { params: { path: { year } } })),
  });
}

export function useApply(organisationId: string, onApplied: (a: MembershipApplication) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ApplicationInput) =>
      unwrap(
        await api.POST('/api/organisations/{id}/membership-applications', {
          params: { path: { id: organisationId } },
          body,
        }),
      ),
    onSuccess: async (application) => {
      await queryClient.invalidateQueries({ queryKey: membershipKeys.all });
      onApplied(application);
    },
  });
}

/** Card payment of an invoice on Stripe Checkout: the browser leaves for Stripe's page. */
export function usePayInvoiceByCard() {
  return useMutation({
    mutationFn: async (invoiceId: string) =>
      unwrap(
        await api.POST('/api/invoices/{id}/checkout', {
          params: { path: { id: invoiceId } },
          body: { method: 'card' },
        }),
      ),
    onSuccess: ({ checkoutUrl }) => window.location.assign(checkoutUrl),
  });
}

export function useDownloadCertificate(organisationId: string) {
  return useMutation({
    mutationFn: (year: number) =>
      download(
        `/api/organisations/${organisationId}/membership-certificate${query({ year })}`,
        `attestation-adhesion-${year}.pdf`,
      ),
  });
}
