import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog, OutboxService } from '@mutualis/core';
import { MembershipEvents } from '../../membership.events';
import { CampaignRepository } from '../../repositories/campaign.repository';
import { CampaignView } from '../../views/campaign.view';
import { campaignNotFound, GetCampaignUseCase } from '../get-campaign/get-campaign.use-case';

/**
 * Sends a campaign's failed items back to pending (after the admin fixed a profile or the grid)
 * and has the worker issue every pending item again, with the same event as a launch.
 */
@Injectable()
export class RetryCampaignUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly campaigns: CampaignRepository,
    private readonly outbox: OutboxService,
    private readonly audit: AuditLog,
    private readonly getCampaign: GetCampaignUseCase,
  ) {}

  async execute(campaignId: string): Promise<CampaignView> {
    const campaign = await this.dataSource.transaction(async (manager) => {
      const campaign = await this.campaigns.findById(campaignId, manager);
      if (!campaign) throw campaignNotFound();
      const retried = await this.campaigns.failedBackToPending(campaign.id, manager);
      // Items still pending whose batch job gave up (Redis lost, retries spent) go again too;
      // one still in a live job is issued once all the same (one invoice per membership).
      if (retried > 0 || (await this.campaigns.hasPending(campaign.id, manager))) {
        await this.campaigns.reopen(campaign.id, manager);
        await this.outbox.record(manager, {
          type: MembershipEvents.CampaignLaunched,
          aggregateType: 'membership_campaign',
          aggregateId: campaign.id,
          payload: { year: campaign.year },
        });
        await this.audit.record(manager, {
          action: 'membership_campaign.retried',
          entityType: 'membership_campaign',
          entityId: campaign.id,
          before: null,
          after: { retried },
        });
      }
      return (await this.campaigns.findById(campaign.id, manager))!;
    });
    return this.getCampaign.present(campaign);
  }
}
