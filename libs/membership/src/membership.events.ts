import type { NoPayload } from '@mutualis/core';

/**
 * The facts the membership context announces (wire names are stored in outbox_events and never
 * renamed) and the jobs it runs.
 */
export const MembershipEvents = {
  /** An organisation applied to join or renew: the Chambre's admins hear of it. */
  ApplicationSubmitted: 'membership.application-submitted',
  /** The Chambre approved it: the membership of the year is recorded and its invoice issued. */
  ApplicationApproved: 'membership.application-approved',
  ApplicationRefused: 'membership.application-refused',
  /** A renewal campaign was launched (or relaunched, or its failures retried): issue its pending items. */
  CampaignLaunched: 'membership.campaign-launched',
  /** An unpaid membership passed its year's grace date (aggregate: the membership). */
  Lapsed: 'membership.lapsed',
  /** An admin applied a member import: the worker brings its lines in, in batches. */
  ImportStarted: 'membership.import-started',
} as const;

export const MembershipJobs = {
  /** Renewal invoices of up to a hundred organisations of a campaign, each on its own. */
  IssueCampaignBatch: 'membership.issue-campaign-batch',
  /** Every morning: unpaid memberships of the years whose grace date has passed lapse. */
  LapseUnpaid: 'membership.lapse-unpaid',
} as const;

/** Ids only: the notifications planner reloads the application as it is when it writes. */
export type MembershipApplicationPayload = {
  organisationId: string;
  year: number;
};

export type CampaignLaunchedPayload = { year: number };

export type MembershipLapsedPayload = { organisationId: string; year: number };

/** Ids only: the processor reloads each item and skips those no longer pending. */
export type IssueCampaignBatchJob = { campaignId: string; organisationIds: string[] };

declare module '@mutualis/core' {
  interface EventCatalogue {
    [MembershipEvents.ApplicationSubmitted]: MembershipApplicationPayload;
    [MembershipEvents.ApplicationApproved]: MembershipApplicationPayload;
    [MembershipEvents.ApplicationRefused]: MembershipApplicationPayload;
    [MembershipEvents.CampaignLaunched]: CampaignLaunchedPayload;
    [MembershipEvents.Lapsed]: MembershipLapsedPayload;
    [MembershipEvents.ImportStarted]: { startedBy: string };
  }
  interface JobCatalogue {
    [MembershipJobs.IssueCampaignBatch]: IssueCampaignBatchJob;
    [MembershipJobs.LapseUnpaid]: NoPayload;
  }
}
