import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, isUniqueViolation } from '@mutualis/core';
import { normaliseEmail } from '../../auth/email-address';
import { hashToken } from '../../auth/session-tokens';
import { IdentityErrorCode, IdentityException } from '../../identity.exception';
import { Actor, OrganisationRole } from '../../identity.types';
import { InvitationRepository } from '../../repositories/invitation.repository';
import { OrganisationMemberRepository } from '../../repositories/organisation-member.repository';
import { UserRepository } from '../../repositories/user.repository';
import { emailNotVerified } from '../../services/verified-account.service';
import { invitationExpired, invitationNotFound } from '../../services/invitation-preview.service';

/** The logged-in user joins the organisation, if the invitation was sent to their address. */
@Injectable()
export class AcceptInvitationUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly invitations: InvitationRepository,
    private readonly members: OrganisationMemberRepository,
    private readonly users: UserRepository,
    private readonly clock: Clock,
  ) {}

  async execute(
    actor: Actor,
    token: string,
  ): Promise<{ organisationId: string; role: OrganisationRole }> {
    const user = await this.users.findById(actor.userId);
    if (!user) throw new IdentityException(IdentityErrorCode.UserNotFound, 'user not found');
    try {
      return await this.dataSource.transaction(async (manager) => {
        const invitation = await this.invitations.findOpenByTokenHash(hashToken(token), manager);
        if (!invitation) throw invitationNotFound();
        if (invitation.expiresAt <= this.clock.now()) throw invitationExpired();
        if (normaliseEmail(invitation.email) !== normaliseEmail(user.email)) {
          throw new IdentityException(
            IdentityErrorCode.InvitationForAnotherEmail,
            'this invitation was sent to another e-mail address; log in with that address to accept it',
          );
        }
        // The invitation binds to the address, so the address must be proven to be the caller's.
        if (!user.emailVerifiedAt) throw emailNotVerified();
        if (!(await this.invitations.markAccepted(invitation.id, user.id, manager)))
          throw invitationNotFound();
        await this.members.add(invitation.organisationId, user.id, invitation.role, manager);
        return { organisationId: invitation.organisationId, role: invitation.role };
      });
    } catch (error) {
      if (isUniqueViolation(error, 'organisation_members_organisation_user_key')) {
        throw new IdentityException(
          IdentityErrorCode.AlreadyMember,
          'you already belong to this organisation',
        );
      }
      throw error;
    }
  }
}
