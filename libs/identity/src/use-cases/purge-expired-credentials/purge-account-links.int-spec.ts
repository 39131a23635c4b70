import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createTestContext, uniqueEmail } from '@mutualis/testing';
import { IdentityModule } from '../../identity.module';
import { RegisterUserUseCase } from '../register-user/register-user.use-case';
import { RequestPasswordResetUseCase } from '../request-password-reset/request-password-reset.use-case';
import { StartSessionUseCase } from '../start-session/start-session.use-case';
import { PurgeExpiredCredentialsUseCase } from './purge-expired-credentials.use-case';

describe('PurgeExpiredCredentialsUseCase: account links and login sessions', () => {
  let context: INestApplicationContext;
  let db: DataSource;

  beforeAll(async () => {
    context = await createTestContext([IdentityModule]);
    db = context.get(DataSource);
  });

  afterAll(async () => {
    await context.close();
  });

  it('deletes links dead for a month and sessions without tokens, keeps the live ones, and can run twice', async () => {
    const user = await context
      .get(RegisterUserUseCase)
      .execute({ email: uniqueEmail('purge'), name: 'Purge', password: 'a long enough password' });
    const reset = context.get(RequestPasswordResetUseCase);
    await reset.execute(user.email);
    await reset.execute(user.email);
    const links = await db.query<{ id: string }[]>(
      `SELECT id FROM account_tokens WHERE user_id = $1 ORDER BY created_at`,
      [user.id],
    );
    // The first, retired by the second, stopped working 40 days ago; the second is live.
    await db.query(
      `UPDATE account_tokens SET consumed_at = now() - interval '40 days' WHERE id = $1`,
      [links[0].id],
    );
    const sessions = context.get(StartSessionUseCase);
    await sessions.execute(user.id, { userAgent: 'old browser' });
    await sessions.execute(user.id, { userAgent: 'current browser' });
    const [old] = await db.query<{ family_id: string }[]>(
      `SELECT family_id FROM login_sessions WHERE user_agent = 'old browser' AND user_id = $1`,
      [user.id],
    );
    await db.query(
      `UPDATE refresh_tokens SET expires_at = now() - interval '40 days' WHERE family_id = $1`,
      [old.family_id],
    );
    await db.query(
      `UPDATE login_sessions SET last_used_at = now() - interval '70 days' WHERE family_id = $1`,
      [old.family_id],
    );

    const purge = context.get(PurgeExpiredCredentialsUseCase);
    await expect(purge.execute()).resolves.toMatchObject({ accountTokens: 1, loginSessions: 1 });
    await expect(purge.execute()).resolves.toMatchObject({ accountTokens: 0, loginSessions: 0 });
    const left = await db.query<{ id: string }[]>(
      `SELECT id FROM account_tokens WHERE user_id = $1`,
      [user.id],
    );
    expect(left).toEqual([{ id: links[1].id }]);
    const agents = await db.query<{ user_agent: string }[]>(
      `SELECT user_agent FROM login_sessions WHERE user_id = $1`,
      [user.id],
    );
    expect(agents).toEqual([{ user_agent: 'current browser' }]);
  });
});
