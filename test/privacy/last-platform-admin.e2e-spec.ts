import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import {
  registerAndLogIn,
  TEST_PASSWORD,
  TestUser,
  grantPlatformRoles,
} from '../support/api-client';
import { createTestApp } from '../support/test-app';
import { IsolatedEnvironment, isolatedEnvironment } from '../support/isolated-environment';

// The platform must keep someone to run it: the last Chambre admin cannot be erased, by
// themself or by anyone. A database of its own, so other specs' admins do not count.
describe('erasure of the last Chambre admin', () => {
  let environment: IsolatedEnvironment;
  let app: NestExpressApplication;
  let first: TestUser;
  let second: TestUser;

  beforeAll(async () => {
    environment = await isolatedEnvironment('last_admin');
    app = await createTestApp(environment.env);
    [first, second] = await Promise.all([
      registerAndLogIn(app, 'first-admin'),
      registerAndLogIn(app, 'second-admin'),
    ]);
    await grantPlatformRoles(app, first, ['admin']);
    await grantPlatformRoles(app, second, ['admin']);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await environment?.drop();
  });

  it('lets one of two admins go, then refuses to erase the last one (409), by request or by themself', async () => {
    await request(app.getHttpServer())
      .post(`/api/users/${second.id}/erasure`)
      .auth(first.accessToken, { type: 'bearer' })
      .send({})
      .expect(204);

    const refused = await request(app.getHttpServer())
      .delete('/api/me')
      .auth(first.accessToken, { type: 'bearer' })
      .send({ password: TEST_PASSWORD })
      .expect(409);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.code).toBe('last_platform_admin');
    await request(app.getHttpServer())
      .post(`/api/users/${first.id}/erasure`)
      .auth(first.accessToken, { type: 'bearer' })
      .send({})
      .expect(409);
    await request(app.getHttpServer())
      .get('/api/me')
      .auth(first.accessToken, { type: 'bearer' })
      .expect(200);
  });
});
