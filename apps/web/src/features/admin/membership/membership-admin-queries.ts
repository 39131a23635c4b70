import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { uploadFile } from '../../member/membership/membership-api';
import { campaignsOf, pollInterval } from './progress';
import type {
  Campaign,
  FeeSchedule,
  FeeScheduleInput,
  ImportReport,
  MemberImport,
  MemberPaymentFilter,
  MembershipApplication,
} from './types';

export const membershipAdminKeys = {
  all: ['admin', 'membership'] as const,
  applications: ['admin', 'membership', 'applications'] as const,
  members: (year: number, status: string) =>
    ['admin', 'membership', 'members', { year, status }] as const,
  feeSchedule: (year: number) => ['admin', 'membership', 'fee-schedule', year] as const,
  campaigns: (year: number) => ['admin', 'membership', 'campaigns', year] as const,
  campaign: (id: string) => ['admin', 'membership', 'campaign', id] as const,
  import: (id: string) => ['admin', 'membership', 'import', id] as const,
  // Under the organisation page's key (adminKeys.organisation), so that setting a year's
  // adhésion by hand there refreshes the history too.
  years: (organisationId: string) =>
    ['admin', 'organisation', organisationId, 'membership-years'] as const,
  organisationApplications: (organisationId: string) =>
    ['admin', 'organisation', organisationId, 'membership-applications'] as const,
};

/** Pending applications, oldest first. */
export function usePendingApplications() {
  return useInfiniteQuery({
    queryKey: membershipAdminKeys.applications,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/membership-applications', {
          params: { query: { status: 'pending', limit: 20, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useDecideApplication(
  applicationId: string,
  onDecided: (decided: MembershipApplication) => void,
) {
  const queryClient = useQueryClient();
  const refresh = async (decided: MembershipApplication) => {
    onDecided(decided);
    await queryClient.invalidateQueries({ queryKey: membershipAdminKeys.all });
  };
  const approve = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/membership-applications/{id}/approve', {
          params: { path: { id: applicationId } },
        }),
      ),
    onSuccess: refresh,
  });
  const refuse = useMutation({
    mutationFn: async (reason: string) =>
      unwrap(
        await api.POST('/api/membership-applications/{id}/refuse', {
          params: { path: { id: applicationId } },
          body: { reason },
        }),
      ),
    onSuccess: refresh,
  });
  return { approve, refuse };
}

export function useMembers(year: number, status: MemberPaymentFilter | '') {
  return useInfiniteQuery({
    queryKey: membershipAdminKeys.members(year, status),
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/membership/members', {
          params: {
            query: { year, status: status || undefined, limit: 50, cursor: pageParam },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** The year's grid, or null when the Chambre has not set one yet (404). */
export function useAdminFeeSchedule(year: number) {
  return useQuery({
    queryKey: membershipAdminKeys.feeSchedule(year),
    queryFn: async () => {
      try {
        return unwrap(
          await api.GET('/api/membership/fee-schedules/{year}', { params: { path: { year } } }),
        );
      } catch (error) {
        const status = (error as { problem?: { status?: number } }).problem?.status;
        if (status === 404) return null;
        throw error;
      }
    },
  });
}

export function useSaveFeeSchedule(year: number, onSaved: (saved: FeeSchedule) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: FeeScheduleInput) =>
      unwrap(
        await api.PUT('/api/membership/fee-schedules/{year}', {
          params: { path: { year } },
          body,
        }),
      ),
    onSuccess: async (saved) => {
      queryClient.setQueryData(membershipAdminKeys.feeSchedule(year), saved);
      await queryClient.invalidateQueries({ queryKey: ['membership', 'fee-schedule', year] });
      onSaved(saved);
    },
  });
}

export function useCampaigns(year: number) {
  return useQuery({
    queryKey: membershipAdminKeys.campaigns(year),
    queryFn: async () => {
      try {
        return campaignsOf(
          unwrap(await api.GET('/api/membership/campaigns', { params: { query: { year } } })),
        );
      } catch (error) {
        // No campaign for that year yet: nothing to follow, the launch button is the next step.
        if ((error as { problem?: { status?: number } }).problem?.status === 404) return [];
        throw error;
      }
    },
  });
}

/** One campaign, asked again every 2 s while the worker runs it. */
export function useCampaign(initial: Campaign) {
  return useQuery({
    queryKey: membershipAdminKeys.campaign(initial.id),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/membership/campaigns/{id}', { params: { path: { id: initial.id } } }),
      ),
    initialData: initial,
    refetchInterval: (current) => pollInterval(current.state.data?.status),
  });
}

export function useLaunchCampaign(onLaunched: (campaign: Campaign) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (year: number) =>
      unwrap(await api.POST('/api/membership/campaigns', { body: { year } })),
    onSuccess: async (campaign) => {
      queryClient.setQueryData(membershipAdminKeys.campaign(campaign.id), campaign);
      await queryClient.invalidateQueries({
        queryKey: membershipAdminKeys.campaigns(campaign.year),
      });
      onLaunched(campaign);
    },
  });
}

export function useRetryCampaign(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/membership/campaigns/{id}/retry', {
          params: { path: { id: campaignId } },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: membershipAdminKeys.campaign(campaignId) });
    },
  });
}

export function useImportDryRun() {
  return useMutation({
    mutationFn: (file: File) =>
      uploadFile<ImportReport>('/api/membership/imports?dryRun=true', file),
  });
}

export function useApplyImport() {
  return useMutation({
    mutationFn: (file: File) => uploadFile<MemberImport>('/api/membership/imports', file),
  });
}

export function useImportRun(initial: MemberImport) {
  return useQuery({
    queryKey: membershipAdminKeys.import(initial.id),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/membership/imports/{id}', { params: { path: { id: initial.id } } }),
      ),
    initialData: initial,
    refetchInterval: (current) => pollInterval(current.state.data?.status),
  });
}

export function useOrganisationMembershipYears(organisationId: string) {
  return useQuery({
    queryKey: membershipAdminKeys.years(organisationId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/organisations/{id}/membership-years', {
          params: { path: { id: organisationId } },
        }),
      ),
  });
}

export function useOrganisationApplicationsForAdmin(organisationId: string) {
  return useQuery({
    queryKey: membershipAdminKeys.organisationApplications(organisationId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/organisations/{id}/membership-applications', {
          params: { path: { id: organisationId } },
        }),
      ),
  });
}

/** Cancels a year's adhésion (the organisation leaves): its invoice is credited, never deleted. */
export function useCancelMembership(organisationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ year, reason }: { year: number; reason: string }) =>
      unwrap(
        await api.POST('/api/organisations/{id}/memberships/{year}/cancel', {
          params: { path: { id: organisationId, year } },
          body: { reason },
        }),
      ),
    onSuccess: async () => {
      // The history, the hand-set table and the members lists all show the year's status.
      await queryClient.invalidateQueries({ queryKey: ['admin', 'organisation', organisationId] });
      await queryClient.invalidateQueries({ queryKey: membershipAdminKeys.all });
    },
  });
}
