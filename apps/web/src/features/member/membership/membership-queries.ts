import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download, unwrap } from '../../../api/client';
import { query, requestJson } from './membership-api';
import type {
  ApplicationInput,
  Charter,
  FeeSchedule,
  MembershipApplication,
  MembershipYear,
} from './types';

// TODO(after the i20 merge): these calls move to the generated client (`api.GET(...)` with
// `unwrap`) once `npm run web:client` has the membership routes in schema.d.ts.

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
    queryFn: () =>
      requestJson<MembershipYear[]>('GET', `/api/organisations/${organisationId}/membership-years`),
    enabled: Boolean(organisationId),
  });
}

export function useOrganisationApplications(organisationId: string | undefined) {
  return useQuery({
    queryKey: membershipKeys.applications(organisationId ?? ''),
    queryFn: async () => {
      const answer = await requestJson<
        MembershipApplication[] | { items: MembershipApplication[] }
      >('GET', `/api/organisations/${organisationId}/membership-applications`);
      // A plain list or a page: the brief leaves it open; both read the same here.
      return Array.isArray(answer) ? answer : answer.items;
    },
    enabled: Boolean(organisationId),
  });
}

export function useCharter() {
  return useQuery({
    queryKey: membershipKeys.charter,
    queryFn: () => requestJson<Charter>('GET', '/api/membership/charter'),
    staleTime: 10 * 60_000,
  });
}

export function useFeeSchedule(year: number) {
  return useQuery({
    queryKey: membershipKeys.feeSchedule(year),
    queryFn: () => requestJson<FeeSchedule>('GET', `/api/membership/fee-schedules/${year}`),
  });
}

export function useApply(organisationId: string, onApplied: (a: MembershipApplication) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ApplicationInput) =>
      requestJson<MembershipApplication>(
        'POST',
        `/api/organisations/${organisationId}/membership-applications`,
        body,
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
