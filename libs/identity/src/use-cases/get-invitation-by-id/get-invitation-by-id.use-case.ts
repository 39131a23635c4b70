import { Injectable } from '@nestjs/common';
import { InvitationRepository } from '../../repositories/invitation.repository';
import {
  InvitationPreview,
  InvitationPreviewService,
} from '../../services/invitation-preview.service';

/**
 * What an open invitation offers, by its id: the notification of an
 * `identity.invitation-created` event. A used or revoked invitation is not found.
 */
@Injectable()
export class GetInvitationByIdUseCase {
  constructor(
    private readonly invitations: InvitationRepository,
    private readonly previews: InvitationPreviewService,
  ) {}

  async execute(invitationId: string): Promise<InvitationPreview> {
    const invitation = await this.invitations.findById(invitationId);
    return this.previews.preview(
      invitation?.acceptedAt || invitation?.revokedAt ? null : invitation,
    );
  }
}
