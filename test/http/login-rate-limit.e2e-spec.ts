import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { uniqueEmail } from '@mutualis/testing';
import { registerAndLogIn, TEST_PASSWORD } from '../support/api-client';
import { createTestApp } from '../support/test-app';

// Runs with the default limit: 5 login attempts a minute for one e-mail and client address.
describe('login rate limit (defaults)', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  const login = (email: string, password: string) =>
    request(app.getHttpServer()).post('/api/auth/login').send({ email, password });

  it('answers 429 with Retry-After after 5 failed logins for one e-mail, even with the right password', async () => {
    const user = await registerAndLogIn(app, 'brute');
    // registerAndLogIn spent one attempt; four more failures reach the limit.
    for (let attempt = 0; attempt < 4; attempt++)
      await login(user.email, 'wrong password!').expect(401);

    const blocked = await login(user.email, 'wrong password!').expect(429);
    expect(blocked.headers['content-type']).toContain('application/problem+json');
    expect(blocked.body).toMatchObject({ status: 429, code: 'rate_limited' });
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);

    await login(user.email, TEST_PASSWORD).expect(429);
  });

  it('counts per e-mail: another account from the same address still logs in', async () => {
    const victim = uniqueEmail('target');
    for (let attempt = 0; attempt < 5; attempt++)
      await login(victim, 'guess guess guess').expect(401);
    await login(victim, 'guess guess guess').expect(429);

    const bystander = await registerAndLogIn(app, 'bystander');
    expect(bystander.accessToken).toEqual(expect.any(String));
  });

  it('treats e-mails case-insensitively, so changing the case does not reset the count', async () => {
    const email = uniqueEmail('case');
    for (let attempt = 0; attempt < 5; attempt++)
      await login(email, 'guess guess guess').expect(401);
    await login(email.toUpperCase(), 'guess guess guess').expect(429);
  });
});
