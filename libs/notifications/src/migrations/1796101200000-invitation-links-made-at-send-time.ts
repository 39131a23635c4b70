import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invitation e-mails planned before issue 16 kept their link, with its clear token, in the
 * delivery log. The link is now made when the message is sent: each such row keeps the
 * invitation's id instead (found by the token's SHA-256, as identity stores it), so a message
 * still pending or failed is sent with a fresh link; rows whose invitation is gone lose the
 * link alone.
 */
export class InvitationLinksMadeAtSendTime1796101200000 implements MigrationInterface {
  name = 'InvitationLinksMadeAtSendTime1796101200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      UPDATE notification_deliveries AS delivery
         SET params = (delivery.params - 'acceptUrl')
                      || jsonb_build_object('invitationId', invitation.id)
        FROM notification_deliveries AS stored
        LEFT JOIN invitations AS invitation
          ON invitation.token_hash = encode(
               sha256(convert_to(substring(stored.params ->> 'acceptUrl' FROM '/invitations/([^/?#]+)'), 'UTF8')),
               'hex')
       WHERE delivery.id = stored.id
         AND stored.template = 'account-invitation'
         AND stored.params ? 'acceptUrl'`);
  }

  async down(): Promise<void> {
    // The clear tokens are gone for good, which is the point.
  }
}
