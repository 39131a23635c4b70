import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createTestApp } from '../support/test-app';

// Nothing listens on port 1: the api starts, but is not ready.
describe('health without Redis', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    app = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:1' });
  });

  afterAll(async () => {
    await app.close();
  });

  it('stays alive but answers 503 on readiness, naming the dependency that is down', async () => {
    await request(app.getHttpServer()).get('/api/health').expect(200);
    const ready = await request(app.getHttpServer()).get('/api/health/ready').expect(503);
    expect(ready.body).toEqual({
      status: 'unavailable',
      checks: { database: 'up', redis: 'down' },
    });
  });
});
