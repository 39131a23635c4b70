import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { registerAndLogIn } from '../support/api-client';
import { createTestApp } from '../support/test-app';

// Deleting one's account checks the password: a stolen access token must not let anyone guess
// it freely, so the guesses count against the login limit of the client address.
describe('erasure password guesses', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    // Its own Redis prefix: the other specs' account deletions do not count here.
    app = await createTestApp({
      RATE_LIMIT_LOGIN_MAX: '3',
      REDIS_PREFIX: `${process.env.REDIS_PREFIX}-erasure-limit`,
    });
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers 429 with Retry-After once the login limit is spent, and erases nothing', async () => {
    const user = await registerAndLogIn(app, 'erasure-limit');
    const guess = () =>
      request(app.getHttpServer())
        .delete('/api/me')
        .auth(user.accessToken, { type: 'bearer' })
        .send({ password: 'a guess' });
    for (let attempt = 0; attempt < 3; attempt++) await guess().expect(403);
    const refused = await guess().expect(429);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.headers['retry-after']).toBeDefined();
    await request(app.getHttpServer())
      .get('/api/me')
      .auth(user.accessToken, { type: 'bearer' })
      .expect(200);
  });
});
