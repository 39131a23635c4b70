import { Injectable } from '@nestjs/common';
import { Clock, parisYear } from '@mutualis/core';
import { Actor } from '../../identity.types';
import { MembershipRepository } from '../../repositories/membership.repository';
import { OrganisationRepository } from '../../repositories/organisation.repository';
import {
  OrganisationAccessService,
  organisationNotFound,
} from '../../services/organisation-access.service';
import { OrganisationView, presentOrganisation } from '../../views/organisation.view';

@Injectable()
export class GetOrganisationUseCase {
  constructor(
    private readonly access: OrganisationAccessService,
    private readonly organisations: OrganisationRepository,
    private readonly memberships: MembershipRepository,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, organisationId: string): Promise<OrganisationView> {
    await this.access.assertCanRead(actor, organisationId);
    const organisation = await this.organisations.findById(organisationId);
    if (!organisation) throw organisationNotFound();
    const membership = await this.memberships.findForYear(
      organisationId,
      parisYear(this.clock.now()),
    );
    return presentOrganisation(organisation, membership);
  }
}
