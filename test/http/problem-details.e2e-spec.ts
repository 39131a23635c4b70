import { NestExpressApplication } from '@nestjs/platform-express';
import request, { Response } from 'supertest';
import { uniqueEmail } from '@mutualis/testing';
import {
  grantPlatformRoles,
  organisationBody,
  registerAndLogIn,
  TEST_PASSWORD,
  TestUser,
} from '../support/api-client';
import { expectCompleteProblem, fieldsOf } from '../support/expectations';
import { createTestApp, sql } from '../support/test-app';

const bearer = { type: 'bearer' } as const;

describe('errors are RFC 9457 problem details', () => {
  let app: NestExpressApplication;
  let member: TestUser;
  let admin: TestUser;
  /** Every error response of this file, checked at the end for leaked internals. */
  const problems: Response[] = [];

  const api = () => request(app.getHttpServer());
  const postOrganisation = (body: unknown) =>
    api()
      .post('/api/organisations')
      .auth(member.accessToken, bearer)
      .send(body as object);

  /** Checks a problem answer whole (expectCompleteProblem) and keeps it for the last test, which looks for leaked internals. */
  function expectProblemAndKeep(
    response: Response,
    status: number,
    code: string,
    path?: string,
  ): Record<string, unknown> {
    problems.push(response);
    return expectCompleteProblem(response, status, code, path);
  }

  async function organisationsOf(user: TestUser): Promise<unknown[]> {
    const me = await api().get('/api/me').auth(user.accessToken, bearer).expect(200);
    return me.body.organisations;
  }

  async function usersWithEmail(email: string): Promise<number> {
    const rows = await sql<{ n: number }[]>(
      app,
      'SELECT count(*)::int AS n FROM users WHERE lower(email) = lower($1)',
      [email],
    );
    return rows[0].n;
  }

  beforeAll(async () => {
    app = await createTestApp();
    [member, admin] = await Promise.all([
      registerAndLogIn(app, 'problem-member'),
      registerAndLogIn(app, 'problem-admin'),
    ]);
    await grantPlatformRoles(app, admin, ['admin']);
  });

  afterAll(async () => {
    await app.close();
  });

  describe('validation', () => {
    it('refuses an unknown body field with 400 validation_failed naming it, and creates nothing', async () => {
      const response = await postOrganisation(organisationBody({ website: 'https://example.org' }));
      const problem = expectProblemAndKeep(
        response,
        400,
        'validation_failed',
        '/api/organisations',
      );
      expect(problem.errors).toEqual([{ field: 'website', message: 'is not an accepted field' }]);
      expect(await organisationsOf(member)).toEqual([]);
    });

    it('refuses an unknown field at registration (roles), and registers nobody', async () => {
      const email = uniqueEmail('escalate');
      const response = await api()
        .post('/api/auth/register')
        .send({ email, password: TEST_PASSWORD, name: 'Escalade', roles: ['admin'] });
      const problem = expectProblemAndKeep(
        response,
        400,
        'validation_failed',
        '/api/auth/register',
      );
      expect(problem.errors).toEqual([{ field: 'roles', message: 'is not an accepted field' }]);
      expect(await usersWithEmail(email)).toBe(0);
    });

    it('names a nested unknown field by its path (address.floor)', async () => {
      const response = await postOrganisation(
        organisationBody({
          address: { line1: '1 place Bargemon', postalCode: '13002', city: 'Marseille', floor: 3 },
        }),
      );
      const problem = expectProblemAndKeep(
        response,
        400,
        'validation_failed',
        '/api/organisations',
      );
      expect(problem.errors).toEqual([
        { field: 'address.floor', message: 'is not an accepted field' },
      ]);
      expect(await organisationsOf(member)).toEqual([]);
    });

    it('lists every bad field at once', async () => {
      const organisation = await postOrganisation(
        organisationBody({
          legalForm: 'sarl',
          siret: '123',
          billingEmail: 'not an e-mail',
          address: { line1: '', postalCode: '1300', city: 'Marseille' },
          colour: 'blue',
        }),
      );
      expectProblemAndKeep(organisation, 400, 'validation_failed', '/api/organisations');
      expect(new Set(fieldsOf(organisation))).toEqual(
        new Set([
          'legalForm',
          'siret',
          'billingEmail',
          'address.line1',
          'address.postalCode',
          'colour',
        ]),
      );
      for (const error of organisation.body.errors as { message: unknown }[]) {
        expect(error.message).toEqual(expect.any(String));
      }
      expect(await organisationsOf(member)).toEqual([]);

      const email = 'not-an-address';
      const registration = await api()
        .post('/api/auth/register')
        .send({ email, password: 'short', name: '' });
      expectProblemAndKeep(registration, 400, 'validation_failed', '/api/auth/register');
      expect(new Set(fieldsOf(registration))).toEqual(new Set(['email', 'password', 'name']));
      expect(await usersWithEmail(email)).toBe(0);
    });

    it('refuses a malformed UUID in the path with 400 naming id, never 500', async () => {
      const response = await api()
        .get('/api/organisations/not-a-uuid')
        .auth(member.accessToken, bearer);
      const problem = expectProblemAndKeep(
        response,
        400,
        'validation_failed',
        '/api/organisations/not-a-uuid',
      );
      expect(problem.errors).toEqual([{ field: 'id', message: expect.any(String) }]);
    });

    it('validates the query string: limit=abc is 400 naming limit', async () => {
      const response = await api()
        .get('/api/organisations?limit=abc')
        .auth(admin.accessToken, bearer);
      const problem = expectProblemAndKeep(response, 400, 'validation_failed');
      expect(problem.instance).toMatch(/^\/api\/organisations(\?|$)/);
      expect(fieldsOf(response).length).toBeGreaterThan(0);
      expect(new Set(fieldsOf(response))).toEqual(new Set(['limit']));
    });
  });

  describe('bodies the parser refuses', () => {
    it.each([
      ['/api/organisations', true],
      ['/api/auth/register', false],
    ])('answers malformed JSON on %s with 400 malformed_json', async (path, authenticated) => {
      let call = api().post(path).set('Content-Type', 'application/json');
      if (authenticated) call = call.auth(member.accessToken, bearer);
      const response = await call.send('{"legalName": ');
      expectProblemAndKeep(response, 400, 'malformed_json', path);
    });

    it('answers a body over 1 MB with 413 problem+json', async () => {
      const response = await postOrganisation(
        organisationBody({ legalName: 'x'.repeat(1_100_000) }),
      );
      expectProblemAndKeep(response, 413, 'payload_too_large', '/api/organisations');
      expect(await organisationsOf(member)).toEqual([]);
    });
  });

  describe('unknown routes', () => {
    it('answers GET /api/does-not-exist with 404 not_found', async () => {
      expectProblemAndKeep(
        await api().get('/api/does-not-exist'),
        404,
        'not_found',
        '/api/does-not-exist',
      );
    });

    it('answers POST /api/organisations/x/y/z with 404 not_found', async () => {
      const response = await api()
        .post('/api/organisations/x/y/z')
        .auth(member.accessToken, bearer)
        .send({});
      expectProblemAndKeep(response, 404, 'not_found', '/api/organisations/x/y/z');
    });
  });

  describe('request ids', () => {
    it('echoes a well-formed incoming X-Request-Id in the header and the problem', async () => {
      const id = `trace-${Date.now()}-abcdef`;
      const response = await api()
        .get('/api/organisations/not-a-uuid')
        .set('X-Request-Id', id)
        .auth(member.accessToken, bearer);
      const problem = expectProblemAndKeep(response, 400, 'validation_failed');
      expect(problem.requestId).toBe(id);
      expect(response.headers['x-request-id']).toBe(id);
    });

    it('echoes it too for errors raised while parsing the body', async () => {
      const id = `parse-${Date.now()}-abcdef`;
      const response = await api()
        .post('/api/auth/register')
        .set('Content-Type', 'application/json')
        .set('X-Request-Id', id)
        .send('{"email": ');
      const problem = expectProblemAndKeep(response, 400, 'malformed_json');
      expect(problem.requestId).toBe(id);
    });

    it('replaces an ill-formed incoming X-Request-Id, and gives each request its own', async () => {
      const first = await api().get('/api/does-not-exist').set('X-Request-Id', 'bad id!');
      const second = await api().get('/api/does-not-exist').set('X-Request-Id', 'bad id!');
      expectProblemAndKeep(first, 404, 'not_found');
      expectProblemAndKeep(second, 404, 'not_found');
      expect(first.body.requestId).not.toBe('bad id!');
      expect(first.body.requestId).not.toBe(second.body.requestId);
    });

    it('carries a request id on a 401 too', async () => {
      expectProblemAndKeep(await api().get('/api/me'), 401, 'unauthenticated', '/api/me');
    });
  });

  it('never shows a stack trace or a source path in any error response of this file', () => {
    expect(problems.length).toBeGreaterThanOrEqual(15);
    for (const response of problems) {
      const text = response.text;
      expect(text).not.toMatch(/\n\s*at /);
      expect(text).not.toMatch(/\s{4}at [\w.<>]+ \(/);
      expect(text).not.toMatch(/\.(ts|js):\d+/);
      expect(text).not.toMatch(/node_modules|\/work\/|\/home\/|\/usr\//);
      expect(text).not.toMatch(/"stack"/);
    }
  });
});
