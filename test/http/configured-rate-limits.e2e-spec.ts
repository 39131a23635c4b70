import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { uniqueEmail } from '@mutualis/testing';
import { TEST_PASSWORD } from '../support/api-client';
import { createTestApp } from '../support/test-app';

// The limits come from configuration: this file runs an app with tighter ones.
describe('configured rate limits', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    app = await createTestApp({
      RATE_LIMIT_LOGIN_MAX: '2',
      RATE_LIMIT_REGISTER_MAX: '3',
      // Its own counters: other test files register from the same address.
      REDIS_PREFIX: `${process.env.REDIS_PREFIX}-tight`,
    });
  });

  afterAll(async () => {
    await app.close();
  });

  it('blocks the third login attempt when RATE_LIMIT_LOGIN_MAX is 2', async () => {
    const email = uniqueEmail('tight');
    const login = () =>
      request(app.getHttpServer())
        .post('/api/auth/login')
        .send({ email, password: 'nope nope nope' });
    await login().expect(401);
    await login().expect(401);
    await login().expect(429);
  });

  it('limits registrations per client address and creates no account once blocked', async () => {
    const register = (email: string) =>
      request(app.getHttpServer())
        .post('/api/auth/register')
        .send({ email, password: TEST_PASSWORD, name: 'Spam' });
    for (let attempt = 0; attempt < 3; attempt++) await register(uniqueEmail('spam')).expect(202);
    const email = uniqueEmail('spam');
    const blocked = await register(email).expect(429);
    expect(blocked.headers['retry-after']).toBeDefined();
    await request(app.getHttpServer())
      .post('/api/auth/login')
      .send({ email, password: TEST_PASSWORD })
      .expect(401);
  });
});
