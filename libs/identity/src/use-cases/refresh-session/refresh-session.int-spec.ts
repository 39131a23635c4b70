import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createTestContext, uniqueEmail } from '@mutualis/testing';
import { IdentityModule } from '../../identity.module';
import { RegisterUserUseCase } from '../register-user/register-user.use-case';
import { StartSessionUseCase } from '../start-session/start-session.use-case';
import { RefreshSessionUseCase } from './refresh-session.use-case';

describe('RefreshSessionUseCase', () => {
  let context: INestApplicationContext;

  beforeAll(async () => {
    context = await createTestContext([IdentityModule]);
  });

  afterAll(async () => {
    await context.close();
  });

  it('lets exactly one of many concurrent refreshes with the same token through', async () => {
    const user = await context
      .get(RegisterUserUseCase)
      .execute({ email: uniqueEmail('race'), name: 'Racer', password: 'a long enough password' });
    const tokens = await context.get(StartSessionUseCase).execute(user.id);
    const refresh = context.get(RefreshSessionUseCase);

    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, () => refresh.execute(tokens.refreshToken)),
    );

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    // The losers look like a replay, so the family is revoked: no live token remains.
    const live = await context
      .get(DataSource)
      .query<unknown[]>(`SELECT 1 FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL`, [
        user.id,
      ]);
    expect(live).toHaveLength(0);
  });

  it('refuses an expired refresh token without revoking anything else', async () => {
    const user = await context
      .get(RegisterUserUseCase)
      .execute({ email: uniqueEmail('expired'), name: 'Late', password: 'a long enough password' });
    const sessions = context.get(StartSessionUseCase);
    const stale = await sessions.execute(user.id);
    const other = await sessions.execute(user.id);
    const dataSource = context.get(DataSource);
    await dataSource.query(
      `UPDATE refresh_tokens SET expires_at = now() - interval '1 minute'
        WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE user_id = $1 ORDER BY created_at LIMIT 1)`,
      [user.id],
    );
    await expect(
      context.get(RefreshSessionUseCase).execute(stale.refreshToken),
    ).rejects.toMatchObject({
      code: 'invalid_refresh_token',
    });
    await expect(
      context.get(RefreshSessionUseCase).execute(other.refreshToken),
    ).resolves.toMatchObject({
      tokenType: 'Bearer',
    });
  });
});
