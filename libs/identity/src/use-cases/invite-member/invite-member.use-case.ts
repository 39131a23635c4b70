import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, Environment, OutboxService } from '@mutualis/core';
import { normaliseEmail } from '../../auth/email-address';
import { hashToken, newOpaqueToken } from '../../auth/session-tokens';
import { IdentityErrorCode, IdentityException } from '../../identity.exception';
import { Actor, OrganisationRole } from '../../identity.types';
import { InvitationRepository } from '../../repositories/invitation.repository';
import { OrganisationMemberRepository } from '../../repositories/organisation-member.repository';
import { UserRepository } from '../../repositories/user.repository';
import { OrganisationAccessService } from '../../services/organisation-access.service';
import { IdentityEvents } from '../../identity.events';

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
    const email = normaliseEmail(command.email);
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
      await this.assertWithinQuotas(command.organisationId, command.actor.userId, manager);
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
      // No token in the event: the worker makes the e-mail's own link as it sends
      // (IssueInvitationLinkUseCase), so no outbox row or queued job ever holds one.
      await this.outbox.record(manager, {
        type: IdentityEvents.InvitationCreated,
        aggregateType: 'invitation',
        aggregateId: created.id,
        payload: { organisationId: command.organisationId, invitedBy: command.actor.userId },
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

  /**
   * Each invitation sends an e-mail in the Chambre's name: an organisation, and one inviter
   * over all their organisations, may send only so many in any 24 hours. Counted under
   * locks taken in this transaction, so concurrent invitations cannot overshoot.
   */
  private async assertWithinQuotas(
    organisationId: string,
    userId: string,
    manager: EntityManager,
  ): Promise<void> {
    await this.invitations.lockQuotas(organisationId, userId, manager);
    const quotas = [
      {
        scope: 'organisation' as const,
        id: organisationId,
        limit: this.config.get('INVITATION_QUOTA_PER_ORGANISATION', { infer: true }),
        who: 'this organisation has',
      },
      {
        scope: 'user' as const,
        id: userId,
        limit: this.config.get('INVITATION_QUOTA_PER_USER', { infer: true }),
        who: 'you have',
      },
    ];
    for (const quota of quotas) {
      const resetsAt = await this.invitations.quotaResetsAt(
        quota.scope,
        quota.id,
        quota.limit,
        manager,
      );
      if (!resetsAt) continue;
      const error = new IdentityException(
        IdentityErrorCode.InvitationQuotaExceeded,
        `${quota.who} sent ${quota.limit} invitations in the last 24 hours, the most allowed; ` +
          `the next one can be sent from ${resetsAt.toISOString()}`,
      );
      error.extensions = {
        quota: quota.scope,
        limit: quota.limit,
        windowHours: 24,
        resetsAt: resetsAt.toISOString(),
      };
      error.retryAfterSeconds = Math.max(
        1,
        Math.ceil((resetsAt.getTime() - this.clock.now().getTime()) / 1000),
      );
      throw error;
    }
  }
}
