import type { MigrationInterface } from 'typeorm';
import { CreateMembership1796206000000 } from './1796206000000-create-membership';
import { MembershipApplicationLists1796206200100 } from './1796206200100-membership-application-lists';

/** The membership context's tables, in timestamp order. */
export const membershipMigrations: (new () => MigrationInterface)[] = [
  CreateMembership1796206000000,
  MembershipApplicationLists1796206200100,
];
