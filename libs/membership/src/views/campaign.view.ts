import type { CampaignCounts, CampaignRow } from '../repositories/campaign.repository';

/** A renewal campaign with its progress, as the admin's page polls it. */
export interface CampaignView extends CampaignCounts {
  id: string;
  year: number;
  status: 'running' | 'completed';
  launchedAt: string;
  completedAt: string | null;
  /** The first failures (50), with the organisation's name and the error to fix. */
  failures: { organisationId: string; legalName: string; error: string }[];
}

export function presentCampaign(
  campaign: CampaignRow,
  counts: CampaignCounts,
  failures: CampaignView['failures'],
): CampaignView {
  return {
    id: campaign.id,
    year: campaign.year,
    status: campaign.status,
    ...counts,
    launchedAt: campaign.launchedAt.toISOString(),
    completedAt: campaign.completedAt?.toISOString() ?? null,
    failures,
  };
}
