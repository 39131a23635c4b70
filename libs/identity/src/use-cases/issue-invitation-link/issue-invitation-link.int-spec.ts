import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createTestContext, insertOrganisations, uniqueEmail } from '@mutualis/testing';
import { IdentityModule } from '../../identity.module';
import { GetInvitationUseCase } from '../get-invitation/get-invitation.use-case';
import { InviteMemberUseCase } from '../invite-member/invite-member.use-case';
import { RegisterUserUseCase } from '../register-user/register-user.use-case';
import { IssueInvitationLinkUseCase } from './issue-invitation-link.use-case';

describe('IssueInvitationLinkUseCase', () => {
  let context: INestApplicationContext;
  let db: DataSource;

  beforeAll(async () => {
    context = await createTestContext([IdentityModule]);
    db = context.get(DataSource);
  });

  afterAll(async () => {
    await context.close();
  });

  async function openInvitation(): Promise<{ id: string; token: string; organisationId: string }> {
    const inviter = await context.get(RegisterUserUseCase).execute({
      email: uniqueEmail('link-inviter'),
      name: 'Inviter',
      password: 'a long enough password',
    });
    const [organisationId] = await insertOrganisations(db, inviter.id, 1);
    const issued = await context.get(InviteMemberUseCase).execute({
      actor: { userId: inviter.id, roles: [] },
      organisationId,
      email: uniqueEmail('link-invited'),
      role: 'org_member',
    });
    return { id: issued.id, token: issued.token, organisationId };
  }

  const issue = (invitationId: string) =>
    db.transaction((manager) =>
      context.get(IssueInvitationLinkUseCase).execute(invitationId, manager),
    );
  const opens = (token: string) =>
    context
      .get(GetInvitationUseCase)
      .execute(token)
      .then(() => true)
      .catch(() => false);

  it("gives each e-mail a fresh link whose hash alone is stored, ending the previous e-mail's but not the inviter's", async () => {
    const invitation = await openInvitation();
    const first = await issue(invitation.id);
    const second = await issue(invitation.id);
    expect(first).toEqual(expect.any(String));
    expect(second).not.toBe(first);

    expect(await opens(first!)).toBe(false);
    expect(await opens(second!)).toBe(true);
    expect(await opens(invitation.token)).toBe(true);
    const [row] = await db.query<{ stored: string }[]>(
      `SELECT row_to_json(invitations)::text AS stored FROM invitations WHERE id = $1`,
      [invitation.id],
    );
    expect(row.stored).not.toContain(second);
  });

  it('gives no link for an invitation revoked, accepted or expired meanwhile', async () => {
    for (const change of [
      `revoked_at = now()`,
      `accepted_at = now()`,
      `expires_at = now() - interval '1 second'`,
    ]) {
      const invitation = await openInvitation();
      await db.query(`UPDATE invitations SET ${change} WHERE id = $1`, [invitation.id]);
      expect(await issue(invitation.id)).toBeNull();
    }
  });
});
