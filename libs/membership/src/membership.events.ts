import type { NoPayload } from '@mutualis/core';

/**
 * The facts the membership context announces (wire names are stored in outbox_events and never
 * renamed) and the jobs it runs.
 */
export const MembershipEvents = {
  /** A renewal campaign was launched (or relaunched, or its failures retried): issue its pending items. */
  CampaignLaunched: 'membership.campaign-launched',
  /** An unpaid membership passed its year's grace date (aggregate: the membership). */
  Lapsed: 'membership.lapsed',
} as const;

export const MembershipJobs = {
  /** Renewal invoices of up to a hundred organisations of a campaign, each on its own. */
  IssueCampaignBatch: 'membership.issue-campaign-batch',
  /** Every morning: unpaid memberships of the years whose grace date has passed lapse. */
  LapseUnpaid: 'membership.lapse-unpaid',
} as const;

export type CampaignLaunchedPayload = { year: number };

export type MembershipLapsedPayload = { organisationId: string; year: number };

/** Ids only: the processor reloads each item and skips those no longer pending. */
export type IssueCampaignBatchJob = { campaignId: string; organisationIds: string[] };

declare module '@mutualis/core' {
  interface EventCatalogue {
    [MembershipEvents.CampaignLaunched]: CampaignLaunchedPayload;
    [MembershipEvents.Lapsed]: MembershipLapsedPayload;
  }
  interface JobCatalogue {
    [MembershipJobs.IssueCampaignBatch]: IssueCampaignBatchJob;
    [MembershipJobs.LapseUnpaid]: NoPayload;
  }
}
