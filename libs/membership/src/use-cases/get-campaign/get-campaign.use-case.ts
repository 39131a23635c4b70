import { Injectable } from '@nestjs/common';
import { OrganisationDirectoryService } from '@mutualis/identity';
import { MembershipErrorCode, MembershipException } from '../../membership.exception';
import { CampaignRepository, CampaignRow } from '../../repositories/campaign.repository';
import { ChambreScopeRepository } from '../../repositories/chambre-scope.repository';
import { CampaignView, presentCampaign } from '../../views/campaign.view';

const FAILURES_SHOWN = 50;

export function campaignNotFound(): MembershipException {
  return new MembershipException(MembershipErrorCode.CampaignNotFound, 'campaign not found');
}

/** A campaign's progress: counts by status and the first failures, named. */
@Injectable()
export class GetCampaignUseCase {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly chambre: ChambreScopeRepository,
    private readonly directory: OrganisationDirectoryService,
  ) {}

  async byId(id: string): Promise<CampaignView> {
    const campaign = await this.campaigns.findById(id);
    if (!campaign) throw campaignNotFound();
    return this.present(campaign);
  }

  async byYear(year: number): Promise<CampaignView> {
    const campaign = await this.campaigns.findByYear(await this.chambre.currentId(), year);
    if (!campaign) throw campaignNotFound();
    return this.present(campaign);
  }

  async present(campaign: CampaignRow): Promise<CampaignView> {
    const [counts, failures] = await Promise.all([
      this.campaigns.counts(campaign.id),
      this.campaigns.failures(campaign.id, FAILURES_SHOWN),
    ]);
    const names = await this.directory.legalNamesOf(failures.map((f) => f.organisationId));
    return presentCampaign(
      campaign,
      counts,
      failures.map((failure) => ({
        ...failure,
        legalName: names.get(failure.organisationId) ?? '',
      })),
    );
  }
}
