import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createTestContext, uniqueEmail } from '@mutualis/testing';
import { IdentityModule } from '../../identity.module';
import { RefreshTokenRepository } from '../../repositories/refresh-token.repository';
import { RefreshSessionUseCase } from '../refresh-session/refresh-session.use-case';
import { RegisterUserUseCase } from '../register-user/register-user.use-case';
import { StartSessionUseCase } from '../start-session/start-session.use-case';
import { ResolveActorUseCase } from './resolve-actor.use-case';

describe('ResolveActorUseCase', () => {
  let context: INestApplicationContext;
  let db: DataSource;
  let resolve: ResolveActorUseCase;

  beforeAll(async () => {
    context = await createTestContext([IdentityModule]);
    db = context.get(DataSource);
    resolve = context.get(ResolveActorUseCase);
  });

  afterAll(async () => {
    await context.close();
  });

  /** A registered user logged in once: their id, the session's family and its refresh token. */
  async function loggedIn(label: string) {
    const user = await context
      .get(RegisterUserUseCase)
      .execute({ email: uniqueEmail(label), name: label, password: 'a long enough password' });
    const tokens = await context.get(StartSessionUseCase).execute(user.id);
    const [{ familyId }] = await db.query<{ familyId: string }[]>(
      `SELECT family_id AS "familyId" FROM refresh_tokens WHERE user_id = $1`,
      [user.id],
    );
    return { userId: user.id, familyId, refreshToken: tokens.refreshToken };
  }

  // Only the row's presence matters here; the enrolment flow is tested end to end.
  const enableTwoFactor = (userId: string) =>
    db.query(
      `INSERT INTO user_totp (user_id, secret_ciphertext, enabled_at) VALUES ($1, 'v1:x', now())`,
      [userId],
    );
  const disable = (userId: string) =>
    db.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [userId]);
  const revoke = (familyId: string) => context.get(RefreshTokenRepository).revokeFamily(familyId);
  const expire = (familyId: string) =>
    db.query(
      `UPDATE refresh_tokens SET expires_at = now() - interval '1 minute' WHERE family_id = $1`,
      [familyId],
    );

  it('resolves a live session to its user, with platform roles read fresh from the database', async () => {
    const { userId, familyId } = await loggedIn('live');
    await db.query(`UPDATE users SET platform_roles = '{finance,consultant}' WHERE id = $1`, [
      userId,
    ]);
    await enableTwoFactor(userId);

    await expect(resolve.execute(userId, familyId)).resolves.toEqual({
      userId,
      roles: ['finance', 'consultant'],
      sessionId: familyId,
    });
  });

  it('holds back the admin and finance roles of a user without two-factor authentication', async () => {
    const { userId, familyId } = await loggedIn('no-2fa');
    await db.query(`UPDATE users SET platform_roles = '{admin,finance,consultant}' WHERE id = $1`, [
      userId,
    ]);

    await expect(resolve.execute(userId, familyId)).resolves.toEqual({
      userId,
      roles: ['consultant'],
      sessionId: familyId,
      rolesAwaitingMfa: ['admin', 'finance'],
    });
    // A pending enrolment is not enough.
    await db.query(`INSERT INTO user_totp (user_id, secret_ciphertext) VALUES ($1, 'v1:x')`, [
      userId,
    ]);
    await expect(resolve.execute(userId, familyId)).resolves.toMatchObject({
      roles: ['consultant'],
    });
    await db.query(`UPDATE user_totp SET enabled_at = now() WHERE user_id = $1`, [userId]);
    await expect(resolve.execute(userId, familyId)).resolves.toEqual({
      userId,
      roles: ['admin', 'finance', 'consultant'],
      sessionId: familyId,
    });
  });

  it('keeps a session alive through refreshes: the used token’s successor is live', async () => {
    const { userId, familyId, refreshToken } = await loggedIn('refreshed');
    await context.get(RefreshSessionUseCase).execute(refreshToken);

    await expect(resolve.execute(userId, familyId)).resolves.toMatchObject({ userId });
  });

  it('refuses with session_revoked a session logged out, revoked or run out, of an active account', async () => {
    const revoked = await loggedIn('revoked');
    await revoke(revoked.familyId);
    const expired = await loggedIn('expired');
    await expire(expired.familyId);
    const unknown = await loggedIn('unknown-session');

    for (const [userId, familyId] of [
      [revoked.userId, revoked.familyId],
      [expired.userId, expired.familyId],
      [unknown.userId, randomUUID()],
    ]) {
      await expect(resolve.execute(userId, familyId)).rejects.toMatchObject({
        code: 'session_revoked',
      });
    }
  });

  it('refuses with session_revoked a live session that belongs to another user', async () => {
    const owner = await loggedIn('session-owner');
    const other = await loggedIn('session-borrower');

    await expect(resolve.execute(other.userId, owner.familyId)).rejects.toMatchObject({
      code: 'session_revoked',
    });
    await expect(resolve.execute(owner.userId, owner.familyId)).resolves.toMatchObject({
      userId: owner.userId,
    });
  });

  it('refuses with account_disabled a disabled account, even when its session has also ended', async () => {
    const disabled = await loggedIn('disabled');
    await disable(disabled.userId);
    const both = await loggedIn('disabled-and-revoked');
    await disable(both.userId);
    await revoke(both.familyId);

    await expect(resolve.execute(disabled.userId, disabled.familyId)).rejects.toMatchObject({
      code: 'account_disabled',
    });
    await expect(resolve.execute(both.userId, both.familyId)).rejects.toMatchObject({
      code: 'account_disabled',
    });
  });

  it('refuses with account_disabled a user who no longer exists, whatever the session', async () => {
    const { familyId } = await loggedIn('deleted');

    await expect(resolve.execute(randomUUID(), familyId)).rejects.toMatchObject({
      code: 'account_disabled',
    });
    await expect(resolve.execute(randomUUID(), randomUUID())).rejects.toMatchObject({
      code: 'account_disabled',
    });
  });

  it('counts a session live exactly when RefreshTokenRepository.isFamilyLive does', async () => {
    const tokens = context.get(RefreshTokenRepository);
    const live = await loggedIn('same-live');
    const revoked = await loggedIn('same-revoked');
    await revoke(revoked.familyId);
    const expired = await loggedIn('same-expired');
    await expire(expired.familyId);

    for (const { userId, familyId } of [live, revoked, expired]) {
      const resolved = await resolve.execute(userId, familyId).then(
        () => true,
        () => false,
      );
      expect(resolved).toBe(await tokens.isFamilyLive(familyId));
    }
  });
});
