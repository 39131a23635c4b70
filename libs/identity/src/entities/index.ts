import { Invitation } from './invitation.entity';
import { Membership } from './membership.entity';
import { OrganisationMember } from './organisation-member.entity';
import { Organisation } from './organisation.entity';
import { RefreshToken } from './refresh-token.entity';
import { User } from './user.entity';

export { Invitation, Membership, Organisation, OrganisationMember, RefreshToken, User };

export const identityEntities = [
  User,
  Organisation,
  OrganisationMember,
  Membership,
  Invitation,
  RefreshToken,
];
