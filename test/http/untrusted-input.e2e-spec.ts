import { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { uniqueEmail } from '@mutualis/testing';
import { registerAndLogIn, TEST_PASSWORD, TestUser } from '../support/api-client';
import { expectProblem } from '../support/expectations';
import { createTestApp, sql } from '../support/test-app';

const bearer = { type: 'bearer' } as const;

/** The body of the security review: 400,000 nested arrays, 800 KB. */
const REVIEW_BODY = '['.repeat(400_000) + ']'.repeat(400_000);
/** As deep, but under the size limit: only the depth check can refuse it. */
const DEEP_SMALL_BODY = '['.repeat(100_000) + ']'.repeat(100_000);

describe('hostile request bodies and text', () => {
  let app: NestExpressApplication;
  let member: TestUser;
  const api = () => request(app.getHttpServer());
  const postJson = (path: string, body: string) =>
    api().post(path).set('Content-Type', 'application/json').send(body);

  beforeAll(async () => {
    app = await createTestApp();
    member = await registerAndLogIn(app, 'untrusted');
  });

  afterAll(async () => {
    await app.close();
  });

  async function usersNamed(name: string): Promise<number> {
    const rows = await sql<{ n: number }[]>(
      app,
      'SELECT count(*)::int AS n FROM users WHERE name = $1',
      [name],
    );
    return rows[0].n;
  }

  describe('deep JSON', () => {
    it.each(['/api/auth/refresh', '/api/auth/register'])(
      'answers the review’s 800 KB, 400,000-level body on %s with 413, never 500',
      async (path) => {
        expectProblem(await postJson(path, REVIEW_BODY), 413, 'payload_too_large');
      },
    );

    it.each(['/api/auth/refresh', '/api/auth/register', '/api/auth/login'])(
      'refuses 100,000 levels under the size limit on %s with 400 json_too_deep, before validation',
      async (path) => {
        const started = Date.now();
        const response = await postJson(path, DEEP_SMALL_BODY);
        expectProblem(response, 400, 'json_too_deep');
        expect(response.body.errors).toEqual([{ field: 'body', message: expect.any(String) }]);
        // It used to block the event loop about a second before its 500.
        expect(Date.now() - started).toBeLessThan(1_000);
      },
    );

    it('refuses 33 levels in an otherwise valid registration, and registers nobody', async () => {
      const name = `Deep ${Date.now()}`;
      let extra: unknown = 1;
      for (let level = 0; level < 33; level++) extra = { extra };
      const response = await postJson(
        '/api/auth/register',
        JSON.stringify({ email: uniqueEmail('deep'), password: TEST_PASSWORD, name, extra }),
      );
      expectProblem(response, 400, 'json_too_deep');
      expect(await usersNamed(name)).toBe(0);
    });

    it('lets shallower bodies reach validation as before', async () => {
      const response = await postJson('/api/auth/refresh', JSON.stringify({ refreshToken: [[1]] }));
      expectProblem(response, 400, 'validation_failed');
    });
  });

  describe('size', () => {
    it('answers a JSON body over 256 KiB with 413 problem+json', async () => {
      const response = await api()
        .post('/api/organisations')
        .auth(member.accessToken, bearer)
        .send({ legalName: 'x'.repeat(300 * 1024) });
      expectProblem(response, 413, 'payload_too_large');
    });

    it('counts the limit after decompression: a gzip bomb is a 413, not 10 MB in memory', async () => {
      const bomb = gzipSync(Buffer.from(JSON.stringify({ name: ' '.repeat(10_000_000) })));
      expect(bomb.length).toBeLessThan(20_000);
      // fetch, not supertest: superagent does not send a pre-compressed body as it is.
      const server = app.getHttpServer();
      if (!server.listening) await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/api/auth/register`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
        body: bomb,
      });
      expect(response.status).toBe(413);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(((await response.json()) as { code: string }).code).toBe('payload_too_large');
    });

    it('answers JSON in another encoding than UTF-8 with 415', async () => {
      const response = await api()
        .post('/api/auth/register')
        .set('Content-Type', 'application/json; charset=utf-16le')
        .send(Buffer.from('{"email":"a@b.fr"}', 'utf16le'));
      expectProblem(response, 415, 'unsupported_charset');
    });

    it('still takes the largest body a route needs: a 20,000-character description in \\u escapes', async () => {
      // Refused as an offering for other reasons (no consultant), but parsed: not 413.
      const description = '\\u00e9'.repeat(20_000);
      const response = await postJson(
        '/api/auth/register',
        `{"email":"a@b.fr","password":"x","name":"${description}"}`,
      );
      expectProblem(response, 400, 'validation_failed');
    });
  });

  describe('NUL characters', () => {
    it('answers GET /api/offerings?q=%00 with 400 nul_byte, not 500', async () => {
      const response = await api().get('/api/offerings?q=%00');
      expectProblem(response, 400, 'nul_byte');
      expect(response.body.errors).toEqual([{ field: 'query', message: expect.any(String) }]);
    });

    it('refuses a NUL in a path parameter', async () => {
      const response = await api().get('/api/offerings/abc%00def');
      expectProblem(response, 400, 'nul_byte');
      expect(response.body.errors[0].field).toBe('path');
    });

    it('refuses a NUL in a JSON string at registration, and registers nobody', async () => {
      const name = `Nul ${Date.now()}`;
      const response = await api()
        .post('/api/auth/register')
        .send({ email: uniqueEmail('nul'), password: TEST_PASSWORD, name: `${name}\u0000` });
      expectProblem(response, 400, 'nul_byte');
      expect(await usersNamed(name)).toBe(0);
    });

    it('refuses a NUL in the e-mail at login, which is read before any validation', async () => {
      const response = await api()
        .post('/api/auth/login')
        .send({ email: `${member.email}\u0000`, password: TEST_PASSWORD });
      expectProblem(response, 400, 'nul_byte');
    });

    it('refuses a NUL in a form-encoded body too', async () => {
      const response = await api()
        .post('/api/auth/login')
        .type('form')
        .send(`email=a%00b%40c.fr&password=x`);
      expectProblem(response, 400, 'nul_byte');
    });

    it('accepts the text \\u0000 (an escaped backslash) as the literal characters it is', async () => {
      const response = await api().get('/api/offerings').query({ q: '\\u0000' });
      expect(response.status).toBe(200);
    });
  });

  describe('full-text search with odd text', () => {
    it.each([
      ['a very long query', 'formation '.repeat(500).slice(0, 4_000)],
      ['tsquery operators', `!&|:*()<->'"\\ & | ! :* <2>`],
      ['odd Unicode', '\u{1F600}\u0301\u200b\uFEFF\u202e\uFFFF\uD800 İ ß ﬁ \u00a0'],
      ['only punctuation', '""\'\'--;;'],
      ['the longest query allowed, all operators', '!&|:*()<->'.repeat(20)],
      ['the longest query allowed, all words', 'ab '.repeat(66) + 'ab'],
    ])('never answers 500 for %s', async (_, q) => {
      const response = await api().get('/api/offerings').query({ q });
      expect(response.status).toBeLessThan(500);
      if (response.status >= 400) expectProblem(response, response.status, response.body.code);
    });
  });
});
