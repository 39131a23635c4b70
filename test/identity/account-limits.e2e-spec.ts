import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { uniqueEmail } from '@mutualis/testing';
import { registerUnverifiedAndLogIn } from '../support/api-client';
import { createTestApp, sql } from '../support/test-app';

// The account routes' limits, with tight settings on an app of their own. One app for the
// file: passport's strategies are process-wide. The tests run in order and share the
// client address's budget (4 reset requests per window).
describe('account limits', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    app = await createTestApp({
      VERIFICATION_EMAIL_COOLDOWN_SECONDS: '3600',
      RATE_LIMIT_PASSWORD_RESET_MAX: '4',
      RATE_LIMIT_PASSWORD_RESET_EMAIL_MAX: '2',
      RATE_LIMIT_REGISTER_EMAIL_MAX: '2',
      // Its own counters: other test files ask for resets from the same address.
      REDIS_PREFIX: `${process.env.REDIS_PREFIX}-account-limits`,
    });
  });

  afterAll(async () => {
    await app.close();
  });

  const reset = (email: string) =>
    request(app.getHttpServer()).post('/api/auth/password-reset').send({ email });

  it('rate limits the verification resend: a second request within the cool-down answers 429', async () => {
    const user = await registerUnverifiedAndLogIn(app, 'cooldown');
    const response = await request(app.getHttpServer())
      .post('/api/me/verification-email')
      .auth(user.accessToken, { type: 'bearer' })
      .expect(429);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe('verification_email_too_soon');
    const [{ count }] = await sql<{ count: string }[]>(
      app,
      `SELECT count(*) FROM account_tokens WHERE user_id = $1`,
      [user.id],
    );
    expect(count).toBe('1');
  });

  it('rate limits reset requests per e-mail address', async () => {
    const email = uniqueEmail('flood');
    await reset(email).expect(202);
    await reset(email).expect(202);
    const blocked = await reset(email.toUpperCase()).expect(429);
    expect(blocked.headers['retry-after']).toBeDefined();
    expect(blocked.headers['content-type']).toContain('application/problem+json');
    // Another address is not held back by it.
    await reset(uniqueEmail('other')).expect(202);
  });

  it('rate limits reset requests per client address across e-mails', async () => {
    // Four of this address's budget of four are spent above.
    await reset(uniqueEmail('spray')).expect(429);
  });

  it('rate limits registrations per e-mail address, so a taken address’s owner is not flooded', async () => {
    const email = uniqueEmail('popular');
    const register = () =>
      request(app.getHttpServer())
        .post('/api/auth/register')
        .send({ email, password: 'correct horse battery staple', name: 'Someone' });
    await register().expect(202);
    await register().expect(202);
    const blocked = await register().expect(429);
    expect(blocked.headers['retry-after']).toBeDefined();
    const [{ count }] = await sql<{ count: string }[]>(
      app,
      `SELECT count(*) FROM outbox_events WHERE type = 'identity.registration-attempted'
          AND aggregate_id = (SELECT id FROM users WHERE lower(email) = lower($1))`,
      [email],
    );
    expect(count).toBe('1');
  });
});
