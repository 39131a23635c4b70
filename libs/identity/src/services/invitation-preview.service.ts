import { Injectable } from '@nestjs/common';
import { Clock } from '@mutualis/core';
import { Invitation } from '../entities/invitation.entity';
import { IdentityErrorCode, IdentityException } from '../identity.exception';
import { OrganisationRole } from '../identity.types';
import { OrganisationRepository } from '../repositories/organisation.repository';

export interface InvitationPreview {
  organisationId: string;
  organisationName: string;
  email: string;
  role: OrganisationRole;
  expiresAt: string;
}

/** What an open invitation offers; a missing, used or expired one is an error saying which. */
@Injectable()
export class InvitationPreviewService {
  constructor(
    private readonly organisations: OrganisationRepository,
    private readonly clock: Clock,
  ) {}

  async preview(invitation: Invitation | null): Promise<InvitationPreview> {
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
