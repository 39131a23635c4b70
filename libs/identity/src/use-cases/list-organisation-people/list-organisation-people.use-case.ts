import { Injectable } from '@nestjs/common';
import { Actor } from '../../identity.types';
import {
  MemberView,
  OrganisationMemberRepository,
} from '../../repositories/organisation-member.repository';
import { OrganisationAccessService } from '../../services/organisation-access.service';

/** The people of an organisation and their roles, for anyone who may read it. */
@Injectable()
export class ListOrganisationPeopleUseCase {
  constructor(
    private readonly access: OrganisationAccessService,
    private readonly members: OrganisationMemberRepository,
  ) {}

  async execute(actor: Actor, organisationId: string): Promise<MemberView[]> {
    await this.access.assertCanRead(actor, organisationId);
    return this.members.list(organisationId);
  }
}
