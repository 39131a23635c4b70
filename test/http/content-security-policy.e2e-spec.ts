import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import { chromium } from 'playwright-core';
import request from 'supertest';
import { createTestApp } from '../support/test-app';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The Content-Security-Policy header parsed into its directives. */
function directives(header: string | undefined): Record<string, string[]> {
  expect(header).toEqual(expect.any(String));
  return Object.fromEntries(
    header!
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name, values]),
  );
}

// Only Swagger UI (/api/docs) needs inline scripts; everywhere else an injected one must not run.
describe('Content-Security-Policy', () => {
  let app: NestExpressApplication;
  let directory: string;
  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'mutualis-csp-'));
    mkdirSync(join(directory, 'assets'));
    // A page as if an attacker had got markup into it: an inline script, an inline handler and
    // an inline style, beside the app's own external script.
    writeFileSync(
      join(directory, 'index.html'),
      [
        '<!doctype html><html><head><title>Mutualis</title>',
        '<script>window.inlineRan = true;</script>',
        '<style>#root { color: rgb(255, 0, 0); }</style>',
        '<script type="module" src="/assets/app.js"></script></head>',
        '<body><div id="root">app</div><img src="/nowhere.png" onerror="window.handlerRan = true"></body></html>',
      ].join(''),
    );
    writeFileSync(join(directory, 'assets', 'app.js'), 'window.appRan = true;');
    app = await createTestApp({ WEB_DIST_DIR: directory });
  });

  afterAll(async () => {
    await app.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it.each([
    ['a page of the web app', '/invoices/0b6d1c9e-0000-4000-8000-000000000001', 'text/html'],
    ['an api route', '/api/offerings', 'application/json'],
    ['an api error', '/api/no-such-route', 'application/json'],
    ['a path that only starts like the docs', '/api/docsx', 'application/json'],
  ])('is strict on %s: no inline script or style', async (_, path, accept) => {
    const response = await api().get(path).set('Accept', accept);
    const policy = directives(response.headers['content-security-policy']);
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['style-src']).toEqual(["'self'"]);
    expect(policy['script-src-attr']).toEqual(["'none'"]);
    expect(policy['default-src']).toEqual(["'self'"]);
    expect(policy['object-src']).toEqual(["'none'"]);
  });

  it.each(['/api/docs', '/api/docs/', '/api/docs/swagger-ui-init.js'])(
    'is relaxed on Swagger UI (%s), which needs inline scripts',
    async (path) => {
      const response = await api().get(path);
      expect(response.status).toBeLessThan(400);
      const policy = directives(response.headers['content-security-policy']);
      expect(policy['script-src']).toEqual(["'self'", "'unsafe-inline'"]);
    },
  );

  it('keeps inline scripts off the queue dashboard too', async () => {
    const response = await api().get('/admin/queues');
    const policy = directives(response.headers['content-security-policy']);
    expect(policy['script-src']).toEqual(["'self'"]);
  });

  it('makes a real browser run the app’s script but no inline script, handler or style', async () => {
    const server = app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForFunction(() => (window as { appRan?: boolean }).appRan === true);
      const ran = await page.evaluate(() => {
        const flags = window as { inlineRan?: boolean; handlerRan?: boolean };
        return {
          inline: flags.inlineRan ?? false,
          handler: flags.handlerRan ?? false,
          colour: getComputedStyle(document.getElementById('root')!).color,
        };
      });
      expect(ran).toEqual({ inline: false, handler: false, colour: 'rgb(0, 0, 0)' });
      expect(violations.length).toBeGreaterThanOrEqual(2);
    } finally {
      await browser.close();
    }
  });
});
