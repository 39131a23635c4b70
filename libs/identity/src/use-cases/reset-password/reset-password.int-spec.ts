import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createTestContext, uniqueEmail } from '@mutualis/testing';
import { IdentityModule } from '../../identity.module';
import { AccountLinksService } from '../../services/account-links.service';
import { RegisterUserUseCase } from '../register-user/register-user.use-case';
import { RequestPasswordResetUseCase } from '../request-password-reset/request-password-reset.use-case';
import { StartSessionUseCase } from '../start-session/start-session.use-case';
import { ResetPasswordUseCase } from './reset-password.use-case';

describe('ResetPasswordUseCase', () => {
  let context: INestApplicationContext;
  let db: DataSource;

  beforeAll(async () => {
    context = await createTestContext([IdentityModule]);
    db = context.get(DataSource);
  });

  afterAll(async () => {
    await context.close();
  });

  async function resetLink(label: string): Promise<{ userId: string; token: string }> {
    const user = await context
      .get(RegisterUserUseCase)
      .execute({ email: uniqueEmail(label), name: label, password: 'a long enough password' });
    await context.get(StartSessionUseCase).execute(user.id);
    await context.get(RequestPasswordResetUseCase).execute(user.email.toUpperCase());
    const [{ id }] = await db.query<{ id: string }[]>(
      `SELECT id FROM account_tokens WHERE user_id = $1 AND purpose = 'password_reset'`,
      [user.id],
    );
    const minted = await context.get(AccountLinksService).mint(id);
    return { userId: user.id, token: minted!.token };
  }

  it('lets exactly one of many concurrent resets with the same link through', async () => {
    const { userId, token } = await resetLink('race');
    const reset = context.get(ResetPasswordUseCase);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, n) =>
        reset.execute({ token, password: `concurrent passphrase ${n}` }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes.filter((each) => each.status === 'rejected')) {
      expect(outcome.reason).toMatchObject({
        code: 'invalid_account_link',
      });
    }
    const live = await db.query<unknown[]>(
      `SELECT 1 FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId],
    );
    expect(live).toHaveLength(0);
  });

  it('mints a new secret on a retried send, and only the latest one works', async () => {
    const { userId, token: first } = await resetLink('retry');
    const [{ id }] = await db.query<{ id: string }[]>(
      `SELECT id FROM account_tokens WHERE user_id = $1 AND purpose = 'password_reset'`,
      [userId],
    );
    const second = (await context.get(AccountLinksService).mint(id))!.token;
    expect(second).not.toBe(first);
    const reset = context.get(ResetPasswordUseCase);
    await expect(
      reset.execute({ token: first, password: 'a brand new passphrase' }),
    ).rejects.toMatchObject({ code: 'invalid_account_link' });
    await expect(
      reset.execute({ token: second, password: 'a brand new passphrase' }),
    ).resolves.toBeUndefined();
    // Used: nothing more to mint, so a late retry of the mail sends nothing.
    await expect(context.get(AccountLinksService).mint(id)).resolves.toBeNull();
  });
});
