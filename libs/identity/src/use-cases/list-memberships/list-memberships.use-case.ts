import { Injectable } from '@nestjs/common';
import { Actor } from '../../identity.types';
import { MembershipRepository } from '../../repositories/membership.repository';
import { OrganisationAccessService } from '../../services/organisation-access.service';
import { MembershipView, presentMembership } from '../../views/organisation.view';

@Injectable()
export class ListMembershipsUseCase {
  constructor(
    private readonly access: OrganisationAccessService,
    private readonly memberships: MembershipRepository,
  ) {}

  async execute(actor: Actor, organisationId: string): Promise<MembershipView[]> {
    await this.access.assertCanRead(actor, organisationId);
    const memberships = await this.memberships.listForOrganisation(organisationId);
    return memberships.map(presentMembership);
  }
}
