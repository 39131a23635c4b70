import { Injectable } from '@nestjs/common';
import { MembershipStatus } from '../../identity.types';
import { MembershipRepository } from '../../repositories/membership.repository';
import { OrganisationRepository } from '../../repositories/organisation.repository';
import { organisationNotFound } from '../../services/organisation-access.service';
import { MembershipView, presentMembership } from '../../views/organisation.view';

export interface SetMembershipCommand {
  organisationId: string;
  year: number;
  status: MembershipStatus;
  feeCents: number;
}

/** The Chambre records an organisation's adhésion for a year (route guarded: admins only). */
@Injectable()
export class SetMembershipUseCase {
  constructor(
    private readonly organisations: OrganisationRepository,
    private readonly memberships: MembershipRepository,
  ) {}

  async execute(command: SetMembershipCommand): Promise<MembershipView> {
    if (!(await this.organisations.findById(command.organisationId))) throw organisationNotFound();
    const membership = await this.memberships.upsert(
      command.organisationId,
      command.year,
      command.status,
      command.feeCents,
    );
    return presentMembership(membership);
  }
}
