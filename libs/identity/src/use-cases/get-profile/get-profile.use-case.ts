import { Injectable } from '@nestjs/common';
import { Clock, parisYear } from '@mutualis/core';
import { IdentityErrorCode, IdentityException } from '../../identity.exception';
import { MembershipStatus, OrganisationRole } from '../../identity.types';
import { MembershipRepository } from '../../repositories/membership.repository';
import { OrganisationRepository } from '../../repositories/organisation.repository';
import { UserRepository } from '../../repositories/user.repository';
import { presentUser, UserView } from '../../views/user.view';

export interface ProfileView extends UserView {
  organisations: {
    id: string;
    legalName: string;
    role: OrganisationRole;
    membership: { year: number; status: MembershipStatus } | null;
  }[];
}

/** The caller, their organisations and roles (GET /me). */
@Injectable()
export class GetProfileUseCase {
  constructor(
    private readonly users: UserRepository,
    private readonly organisations: OrganisationRepository,
    private readonly memberships: MembershipRepository,
    private readonly clock: Clock,
  ) {}

  async execute(userId: string): Promise<ProfileView> {
    const user = await this.users.findById(userId);
    if (!user) throw new IdentityException(IdentityErrorCode.UserNotFound, 'user not found');
    const belongings = await this.organisations.listForMember(userId);
    const memberships = await this.memberships.mapForYear(
      belongings.map(({ organisation }) => organisation.id),
      parisYear(this.clock.now()),
    );
    return {
      ...presentUser(user),
      organisations: belongings.map(({ organisation, role }) => {
        const membership = memberships.get(organisation.id);
        return {
          id: organisation.id,
          legalName: organisation.legalName,
          role,
          membership: membership ? { year: membership.year, status: membership.status } : null,
        };
      }),
    };
  }
}
