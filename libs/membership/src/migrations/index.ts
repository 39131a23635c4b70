import type { MigrationInterface } from 'typeorm';
import { CreateMembership1796206000000 } from './1796206000000-create-membership';
import { MembershipApplicationLists1796206200100 } from './1796206200100-membership-application-lists';
import { CampaignCancellations1796206310000 } from './1796206310000-campaign-cancellations';
import { MembershipImportContent1796206410000 } from './1796206410000-membership-import-content';

/** The membership context's tables, in timestamp order. */
export const membershipMigrations: (new () => MigrationInterface)[] = [
  CreateMembership1796206000000,
  MembershipApplicationLists1796206200100,
  CampaignCancellations1796206310000,
  MembershipImportContent1796206410000,
];
