import { Injectable } from '@nestjs/common';
import {
  EventJob,
  HandledJob,
  JobData,
  jobAuditContext,
  OnEvent,
  OnJob,
  PARIS_TIME_ZONE,
  QueueName,
  runWithAuditContext,
} from '@mutualis/core';
import { MembershipEvents, MembershipJobs } from '../membership.events';
import { CampaignRepository } from '../repositories/campaign.repository';
import { CampaignBatches } from '../services/campaign-batches';
import { IssueRenewalInvoiceUseCase } from '../use-cases/issue-renewal-invoice/issue-renewal-invoice.use-case';
import { LapseUnpaidMembershipsUseCase } from '../use-cases/lapse-unpaid-memberships/lapse-unpaid-memberships.use-case';

/**
 * The renewal campaign in the worker: a launch becomes batch jobs, a batch issues each of its
 * organisations' invoices on its own (an error fails that item, not the batch), and the campaign
 * completes when no item is pending. Every step re-reads the items, so redelivered or concurrent
 * jobs issue nothing twice (one invoice per membership, held by invoicing's unique index).
 */
@Injectable()
export class CampaignHandlers {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly batches: CampaignBatches,
    private readonly issueRenewal: IssueRenewalInvoiceUseCase,
    private readonly lapseUnpaid: LapseUnpaidMembershipsUseCase,
  ) {}

  @OnEvent(MembershipEvents.CampaignLaunched, QueueName.Membership)
  async campaignLaunched(event: EventJob<typeof MembershipEvents.CampaignLaunched>) {
    return { batches: await this.batches.enqueuePending(event.aggregateId, event.eventId) };
  }

  @OnJob(MembershipJobs.IssueCampaignBatch, QueueName.Membership)
  issueBatch(data: JobData<typeof MembershipJobs.IssueCampaignBatch>, job: HandledJob) {
    return runWithAuditContext(jobAuditContext(job), async () => {
      const campaign = await this.campaigns.findById(data.campaignId);
      if (!campaign) return { outcome: 'no_campaign' };
      const outcomes = { issued: 0, skipped: 0, failed: 0 };
      for (const organisationId of await this.campaigns.stillPending(
        campaign.id,
        data.organisationIds,
      )) {
        outcomes[await this.issueRenewal.execute(campaign, organisationId)]++;
      }
      const completed = await this.campaigns.completeIfDone(campaign.id);
      return { ...outcomes, completed };
    });
  }

  /** Early each morning, Paris time: the day after a grace date, unpaid memberships lapse. */
  @OnJob(MembershipJobs.LapseUnpaid, QueueName.Membership, {
    schedule: { pattern: '30 2 * * *', tz: PARIS_TIME_ZONE },
  })
  lapse(_data: unknown, job: HandledJob) {
    return runWithAuditContext(jobAuditContext(job), () => this.lapseUnpaid.execute());
  }
}
