import { NestExpressApplication } from '@nestjs/platform-express';
import { QueueName } from '@mutualis/core';
import request from 'supertest';
import { grantPlatformRoles, registerAndLogIn, TestUser } from '../support/api-client';
import { createTestApp } from '../support/test-app';

// The BullMQ dashboard is for the Chambre's admins only.
describe('queue dashboard', () => {
  let app: NestExpressApplication;
  let admin: TestUser;
  let member: TestUser;

  beforeAll(async () => {
    app = await createTestApp();
    [admin, member] = await Promise.all([
      registerAndLogIn(app, 'queues-admin'),
      registerAndLogIn(app, 'queues-member'),
    ]);
    await grantPlatformRoles(app, admin, ['admin']);
  });

  afterAll(async () => {
    await app.close();
  });

  it('refuses visitors (401) and non-admins (403) with problem+json', async () => {
    const anonymous = await request(app.getHttpServer()).get('/admin/queues').expect(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
    await request(app.getHttpServer())
      .get('/admin/queues')
      .auth(member.accessToken, { type: 'bearer' })
      .expect(403);
    await request(app.getHttpServer())
      .get('/admin/queues')
      .auth('forged.token.here', { type: 'bearer' })
      .expect(401);
  });

  it('shows every queue to an admin, by header or by the web app’s cookie', async () => {
    await request(app.getHttpServer())
      .get('/admin/queues')
      .auth(admin.accessToken, { type: 'bearer' })
      .expect(200);
    const queues = await request(app.getHttpServer())
      .get('/admin/queues/api/queues')
      .set('Cookie', `mutualis_access_token=${encodeURIComponent(admin.accessToken)}`)
      .expect(200);
    const names = (queues.body.queues as { name: string }[]).map((queue) => queue.name).sort();
    expect(names).toEqual(Object.values(QueueName).sort());
  });
});
