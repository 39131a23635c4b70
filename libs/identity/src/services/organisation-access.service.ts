import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { IdentityErrorCode, IdentityException } from '../identity.exception';
import { Actor, hasRole, OrganisationRole } from '../identity.types';
import { OrganisationMemberRepository } from '../repositories/organisation-member.repository';
import { OrganisationRepository } from '../repositories/organisation.repository';

/**
 * Who may act for an organisation. Anyone outside it learns nothing: reading or acting on
 * another organisation answers "not found", never "forbidden", so ids cannot be probed.
 */
@Injectable()
export class OrganisationAccessService {
  constructor(
    private readonly members: OrganisationMemberRepository,
    private readonly organisations: OrganisationRepository,
  ) {}

  /** The caller's role in the organisation, or a not-found error. Chambre staff read everything. */
  async assertCanRead(actor: Actor, organisationId: string): Promise<OrganisationRole | 'staff'> {
    const role = await this.members.roleOf(organisationId, actor.userId);
    if (role) return role;
    // Staff may act on any organisation, but only on one that exists: acting on a made-up id
    // (an invitation, an adhésion) is a 404, not a foreign-key failure.
    if (hasRole(actor, 'admin', 'finance') && (await this.organisations.findById(organisationId))) {
      return 'staff';
    }
    throw organisationNotFound();
  }

  /**
   * The caller's role in an organisation they belong to, or a not-found error: people of the
   * organisation may act for it (book, pay); staff may not book in its name. Inside a
   * transaction, pass its manager.
   */
  async assertBelongsTo(
    actor: Actor,
    organisationId: string,
    manager?: EntityManager,
  ): Promise<OrganisationRole> {
    const role = await this.members.roleOf(organisationId, actor.userId, manager);
    if (!role) throw organisationNotFound();
    return role;
  }

  /** The organisations the user belongs to. */
  organisationsOf(userId: string): Promise<string[]> {
    return this.members.organisationIdsOf(userId);
  }

  /** Org admins manage their organisation; Chambre admins manage every one. */
  async assertCanManage(actor: Actor, organisationId: string): Promise<void> {
    const role = await this.assertCanRead(actor, organisationId);
    if (role === 'org_admin' || hasRole(actor, 'admin')) return;
    throw new IdentityException(
      IdentityErrorCode.NotOrganisationAdmin,
      'only an administrator of this organisation may do this',
    );
  }
}

export function organisationNotFound(): IdentityException {
  return new IdentityException(IdentityErrorCode.OrganisationNotFound, 'organisation not found');
}
