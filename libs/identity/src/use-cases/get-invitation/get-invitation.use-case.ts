import { Injectable } from '@nestjs/common';
import { Clock } from '@mutualis/core';
import { hashToken } from '../../auth/session-tokens';
import { Invitation } from '../../entities/invitation.entity';
import { IdentityErrorCode, IdentityException } from '../../identity.exception';
import { OrganisationRole } from '../../identity.types';
import { InvitationRepository } from '../../repositories/invitation.repository';
import { OrganisationRepository } from '../../repositories/organisation.repository';

export interface InvitationPreview {
  organisationId: string;
  organisationName: string;
  email: string;
  role: OrganisationRole;
  expiresAt: string;
}

/** What an invitation link offers, shown before the invited person signs up or logs in. */
@Injectable()
export class GetInvitationUseCase {
  constructor(
    private readonly invitations: InvitationRepository,
    private readonly organisations: OrganisationRepository,
    private readonly clock: Clock,
  ) {}

  async execute(token: string): Promise<InvitationPreview> {
    return this.preview(await this.invitations.findOpenByTokenHash(hashToken(token)));
  }

  /** The same, by the invitation's id (the notification of an `identity.invitation-created` event). */
  async byId(invitationId: string): Promise<InvitationPreview> {
    const invitation = await this.invitations.findById(invitationId);
    return this.preview(invitation?.acceptedAt || invitation?.revokedAt ? null : invitation);
  }

  private async preview(invitation: Invitation | null): Promise<InvitationPreview> {
    if (!invitation) throw invitationNotFound();
    if (invitation.expiresAt <= this.clock.now()) throw invitationExpired();
    const organisation = await this.organisations.findById(invitation.organisationId);
    if (!organisation) throw invitationNotFound();
    return {
      organisationId: organisation.id,
      organisationName: organisation.legalName,
      email: invitation.email,
      role: invitation.role,
      expiresAt: invitation.expiresAt.toISOString(),
    };
  }
}

export function invitationNotFound(): IdentityException {
  return new IdentityException(
    IdentityErrorCode.InvitationNotFound,
    'this invitation does not exist or was already used',
  );
}

export function invitationExpired(): IdentityException {
  return new IdentityException(
    IdentityErrorCode.InvitationExpired,
    'this invitation has expired; ask an administrator of the organisation for a new one',
  );
}
