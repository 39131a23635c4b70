import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, Environment, OutboxService } from '@mutualis/core';
import { hashToken, newOpaqueToken } from '../../auth/session-tokens';
import { IdentityErrorCode, IdentityException } from '../../identity.exception';
import { Actor, OrganisationRole } from '../../identity.types';
import { InvitationRepository } from '../../repositories/invitation.repository';
import { OrganisationMemberRepository } from '../../repositories/organisation-member.repository';
import { UserRepository } from '../../repositories/user.repository';
import { OrganisationAccessService } from '../../services/organisation-access.service';

export interface InviteMemberCommand {
  actor: Actor;
  organisationId: string;
  email: string;
  role: OrganisationRole;
}

export interface IssuedInvitation {
  id: string;
  organisationId: string;
  email: string;
  role: OrganisationRole;
  expiresAt: string;
  /** The link to send; only the invited address can accept it, so the inviter may share it too. */
  acceptUrl: string;
  token: string;
}

@Injectable()
export class InviteMemberUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: OrganisationAccessService,
    private readonly invitations: InvitationRepository,
    private readonly members: OrganisationMemberRepository,
    private readonly users: UserRepository,
    private readonly config: ConfigService<Environment, true>,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
  ) {}

  async execute(command: InviteMemberCommand): Promise<IssuedInvitation> {
    await this.access.assertCanManage(command.actor, command.organisationId);
    const email = command.email.trim();
    const existing = await this.users.findByEmail(email);
    if (existing && (await this.members.roleOf(command.organisationId, existing.id))) {
      throw new IdentityException(
        IdentityErrorCode.AlreadyMember,
        'this person already belongs to the organisation',
        [{ field: 'email', message: 'is already a member' }],
      );
    }
    const token = newOpaqueToken();
    const ttlHours = this.config.get('INVITATION_TTL_HOURS', { infer: true });
    const invitation = await this.dataSource.transaction(async (manager) => {
      await this.invitations.revokeOpen(command.organisationId, email, manager);
      const created = await this.invitations.create(
        {
          organisationId: command.organisationId,
          email,
          role: command.role,
          tokenHash: hashToken(token),
          invitedBy: command.actor.userId,
          expiresAt: new Date(this.clock.now().getTime() + ttlHours * 3_600_000),
        },
        manager,
      );
      // The token travels to the mailer in the event: it is useless without signing in as
      // the invited address, and the event row is purged with the other delivered events.
      await this.outbox.record(manager, {
        type: 'identity.invitation-created',
        aggregateType: 'invitation',
        aggregateId: created.id,
        payload: { organisationId: command.organisationId, invitedBy: command.actor.userId, token },
      });
      return created;
    });
    const acceptUrl = new URL(
      `/invitations/${token}`,
      this.config.get('PUBLIC_WEB_URL', { infer: true }),
    );
    return {
      id: invitation.id,
      organisationId: invitation.organisationId,
      email: invitation.email,
      role: invitation.role,
      expiresAt: invitation.expiresAt.toISOString(),
      acceptUrl: acceptUrl.toString(),
      token,
    };
  }
}
