import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createTestApp } from '../support/test-app';

// The api serves the built web app: any page path opens it (links in e-mails point deep into
// it), its hashed assets are cached for good, and /api stays the api's, with problem+json.
describe('the web app served by the api', () => {
  let app: NestExpressApplication;
  let directory: string;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'mutualis-web-'));
    mkdirSync(join(directory, 'assets'));
    writeFileSync(
      join(directory, 'index.html'),
      '<!doctype html><title>Mutualis</title><div id="root"></div>',
    );
    writeFileSync(join(directory, 'assets', 'index-abc123.js'), 'console.log("app")');
    app = await createTestApp({ WEB_DIST_DIR: directory });
  });

  afterAll(async () => {
    await app.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('answers a page deep in the app with index.html, never cached stale', async () => {
    for (const path of [
      '/',
      '/invoices/0b6d1c9e-0000-4000-8000-000000000001',
      '/invitations/abc',
    ]) {
      const response = await request(app.getHttpServer())
        .get(path)
        .set('Accept', 'text/html')
        .expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.text).toContain('<div id="root">');
    }
  });

  it('serves hashed assets to be kept for a year', async () => {
    const response = await request(app.getHttpServer()).get('/assets/index-abc123.js').expect(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('keeps /api for the api: an unknown route is a problem, even for a browser', async () => {
    const response = await request(app.getHttpServer())
      .get('/api/no-such-route')
      .set('Accept', 'text/html,application/xhtml+xml')
      .expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers a missing asset 404, not the app', async () => {
    await request(app.getHttpServer()).get('/assets/gone-000.js').set('Accept', '*/*').expect(404);
  });
});
