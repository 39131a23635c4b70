import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog, OutboxService } from '@mutualis/core';
import { Actor, MembershipRollService } from '@mutualis/identity';
import { MembershipEvents } from '../../membership.events';
import { MembershipErrorCode, MembershipException } from '../../membership.exception';
import { CampaignRepository } from '../../repositories/campaign.repository';
import { ChambreScopeRepository } from '../../repositories/chambre-scope.repository';
import { RenewalTermsRepository } from '../../repositories/renewal-terms.repository';
import { CampaignView } from '../../views/campaign.view';
import { GetCampaignUseCase } from '../get-campaign/get-campaign.use-case';

export interface LaunchCampaignCommand {
  actor: Actor;
  year: number;
}

/**
 * Launches the renewal campaign of a year: one campaign per Chambre and year (a unique
 * constraint), one item per organisation whose membership of the year before is active, all
 * written in one transaction with the event that makes the worker issue them. Launching again,
 * even at the same instant, answers the same campaign and adds only organisations that became
 * members since; nothing already listed is listed (or invoiced) twice.
 */
@Injectable()
export class LaunchCampaignUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly campaigns: CampaignRepository,
    private readonly chambre: ChambreScopeRepository,
    private readonly terms: RenewalTermsRepository,
    private readonly roll: MembershipRollService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditLog,
    private readonly getCampaign: GetCampaignUseCase,
  ) {}

  async execute(command: LaunchCampaignCommand): Promise<CampaignView> {
    const chambreId = await this.chambre.currentId();
    // Refused up front rather than 16,600 items failing one by one.
    if (!(await this.terms.forYear(chambreId, command.year))) {
      throw new MembershipException(
        MembershipErrorCode.FeeScheduleMissing,
        `no fee schedule is configured for ${command.year}: set it before launching its campaign`,
        [{ field: 'year', message: 'has no fee schedule' }],
      );
    }
    const candidates = await this.roll.renewableOrganisationIds(command.year);
    const campaign = await this.dataSource.transaction(async (manager) => {
      const { campaign, created } = await this.campaigns.createOrGet(
        chambreId,
        command.year,
        command.actor.userId,
        manager,
      );
      const added = await this.campaigns.addItems(campaign.id, candidates, manager);
      if (added > 0 && !created) await this.campaigns.reopen(campaign.id, manager);
      if (created || added > 0) {
        await this.outbox.record(manager, {
          type: MembershipEvents.CampaignLaunched,
          aggregateType: 'membership_campaign',
          aggregateId: campaign.id,
          payload: { year: command.year },
        });
        await this.audit.record(manager, {
          action: created ? 'membership_campaign.launched' : 'membership_campaign.extended',
          entityType: 'membership_campaign',
          entityId: campaign.id,
          before: null,
          after: { year: command.year, added },
        });
      }
      return (await this.campaigns.findById(campaign.id, manager))!;
    });
    return this.getCampaign.present(campaign);
  }
}
