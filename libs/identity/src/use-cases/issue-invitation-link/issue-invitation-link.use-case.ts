import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { hashToken, newOpaqueToken } from '../../auth/session-tokens';
import { InvitationRepository } from '../../repositories/invitation.repository';

/**
 * The token of an invitation e-mail, made by the worker at the moment it sends the message:
 * only its hash is stored (replacing the previous e-mail's, whose link stops working), so the
 * clear token lives in the e-mail alone — never in the outbox, the delivery log or a queued
 * job. Runs in the sender's transaction, so the hash is kept only with the message's outcome.
 * Null when the invitation was accepted, revoked or has expired: nothing should be sent.
 */
@Injectable()
export class IssueInvitationLinkUseCase {
  constructor(private readonly invitations: InvitationRepository) {}

  async execute(invitationId: string, manager: EntityManager): Promise<string | null> {
    const token = newOpaqueToken();
    const issued = await this.invitations.replaceMailTokenHash(
      invitationId,
      hashToken(token),
      manager,
    );
    return issued ? token : null;
  }
}
