import type { MigrationInterface } from 'typeorm';
import { CreateJournal1796200000000 } from './1796200000000-create-journal';
import { MembershipRevenueAccount1796206110000 } from './1796206110000-membership-revenue-account';

/** The journal's tables, in timestamp order. */
export const accountingMigrations: (new () => MigrationInterface)[] = [
  CreateJournal1796200000000,
  MembershipRevenueAccount1796206110000,
];
