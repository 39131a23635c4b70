import { Charter } from './charter.entity';
import { FeeOverride } from './fee-override.entity';
import { FeeRate } from './fee-rate.entity';
import { FeeSchedule } from './fee-schedule.entity';
import { MembershipApplication } from './membership-application.entity';
import { MembershipProfile } from './membership-profile.entity';

export { Charter, FeeOverride, FeeRate, FeeSchedule, MembershipApplication, MembershipProfile };

/** The entities of the membership tables; the campaign and import helpers add theirs here. */
export const membershipEntities = [
  Charter,
  FeeOverride,
  FeeRate,
  FeeSchedule,
  MembershipApplication,
  MembershipProfile,
];
