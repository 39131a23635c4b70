import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { QueueName } from '@mutualis/core';
import { IssueCampaignBatchJob, MembershipJobs } from '../membership.events';
import { CampaignRepository } from '../repositories/campaign.repository';

/** Organisations per batch job: a job is short enough to retry, and the campaign spreads over workers. */
export const CAMPAIGN_BATCH_SIZE = 100;

/**
 * Splits a campaign's pending items into batch jobs. Job ids are made of the event that asked
 * (a launch or a retry) and the batch's first organisation, so a redelivered event adds nothing;
 * a second launch at once lists no new item and records no event at all.
 */
@Injectable()
export class CampaignBatches {
  constructor(
    @InjectQueue(QueueName.Membership) private readonly queue: Queue,
    private readonly campaigns: CampaignRepository,
  ) {}

  static jobId(eventId: string, firstOrganisationId: string): string {
    return `campaign-batch-${eventId}-${firstOrganisationId}`;
  }

  async enqueuePending(campaignId: string, eventId: string): Promise<number> {
    const pending = await this.campaigns.pendingOrganisationIds(campaignId);
    const jobs = [];
    for (let start = 0; start < pending.length; start += CAMPAIGN_BATCH_SIZE) {
      const organisationIds = pending.slice(start, start + CAMPAIGN_BATCH_SIZE);
      const data: IssueCampaignBatchJob = { campaignId, organisationIds };
      jobs.push({
        name: MembershipJobs.IssueCampaignBatch,
        data,
        opts: { jobId: CampaignBatches.jobId(eventId, organisationIds[0]) },
      });
    }
    if (jobs.length > 0) await this.queue.addBulk(jobs);
    else await this.campaigns.completeIfDone(campaignId);
    return jobs.length;
  }
}
