import { Injectable } from '@nestjs/common';
import { hashToken } from '../../auth/session-tokens';
import { InvitationRepository } from '../../repositories/invitation.repository';
import {
  InvitationPreview,
  InvitationPreviewService,
} from '../../services/invitation-preview.service';

/** What an invitation link offers, shown before the invited person signs up or logs in. */
@Injectable()
export class GetInvitationUseCase {
  constructor(
    private readonly invitations: InvitationRepository,
    private readonly previews: InvitationPreviewService,
  ) {}

  async execute(token: string): Promise<InvitationPreview> {
    return this.previews.preview(await this.invitations.findOpenByTokenHash(hashToken(token)));
  }
}
