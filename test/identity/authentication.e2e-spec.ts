import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { uniqueEmail } from '@mutualis/testing';
import { logIn, registerAndLogIn, TEST_PASSWORD } from '../support/api-client';
import { createTestApp, sql } from '../support/test-app';

describe('authentication', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  const api = () => request(app.getHttpServer());

  it('registers an unverified user and never returns the password or its hash', async () => {
    const email = uniqueEmail('register');
    const response = await api()
      .post('/api/auth/register')
      .send({ email, password: TEST_PASSWORD, name: 'Camille Martin' })
      .expect(202);
    expect(response.body).toEqual({ email, next: 'check_your_inbox' });
    const { accessToken } = await logIn(app, email);
    const me = await api().get('/api/me').auth(accessToken, { type: 'bearer' }).expect(200);
    expect(me.body).toMatchObject({
      email,
      name: 'Camille Martin',
      locale: 'fr',
      roles: [],
      disabled: false,
      erased: false,
      createdAt: expect.any(String),
      emailVerified: false,
    });
    expect(JSON.stringify(me.body)).not.toMatch(/password|argon2/i);
  });

  it('answers a second registration of an address (in another case) exactly like the first, and keeps one account', async () => {
    const email = uniqueEmail('twice');
    const first = await api()
      .post('/api/auth/register')
      .send({ email, password: TEST_PASSWORD, name: 'One' })
      .expect(202);
    const second = await api()
      .post('/api/auth/register')
      .send({ email: email.toUpperCase(), password: 'another long password', name: 'Two' })
      .expect(202);
    expect(second.headers['content-type']).toBe(first.headers['content-type']);
    expect(Object.keys(second.body)).toEqual(Object.keys(first.body));
    expect(second.body.next).toBe(first.body.next);
    const [{ count }] = await sql<{ count: string }[]>(
      app,
      `SELECT count(*) FROM users WHERE lower(email) = lower($1)`,
      [email],
    );
    expect(count).toBe('1');
    // The first password still signs in; the second registration changed nothing.
    await logIn(app, email, TEST_PASSWORD);
  });

  it('refuses a short password and says which field is wrong', async () => {
    const response = await api()
      .post('/api/auth/register')
      .send({ email: uniqueEmail('weak'), password: 'short', name: 'Weak' })
      .expect(400);
    expect(response.body.errors).toEqual([
      { field: 'password', message: expect.stringContaining('10') },
    ]);
  });

  it('logs in, and the access token opens /me', async () => {
    const user = await registerAndLogIn(app, 'me');
    const me = await api().get('/api/me').auth(user.accessToken, { type: 'bearer' }).expect(200);
    expect(me.body).toMatchObject({ id: user.id, email: user.email, organisations: [] });
  });

  it('answers 401 problem+json for a wrong password, an unknown e-mail, and no token', async () => {
    const user = await registerAndLogIn(app, 'wrong');
    const wrong = await api()
      .post('/api/auth/login')
      .send({ email: user.email, password: 'not the password' })
      .expect(401);
    const unknown = await api()
      .post('/api/auth/login')
      .send({ email: uniqueEmail('nobody'), password: TEST_PASSWORD })
      .expect(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
    const anonymous = await api().get('/api/me').expect(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
  });

  it('rotates refresh tokens: each works once and gives a working access token', async () => {
    const user = await registerAndLogIn(app, 'refresh');
    const first = await api()
      .post('/api/auth/refresh')
      .send({ refreshToken: user.refreshToken })
      .expect(200);
    expect(first.body.refreshToken).not.toBe(user.refreshToken);
    await api().get('/api/me').auth(first.body.accessToken, { type: 'bearer' }).expect(200);
    const second = await api()
      .post('/api/auth/refresh')
      .send({ refreshToken: first.body.refreshToken })
      .expect(200);
    expect(second.body.accessToken).toEqual(expect.any(String));
  });

  it('revokes the whole token family when a used refresh token comes back', async () => {
    const user = await registerAndLogIn(app, 'reuse');
    const rotated = await api()
      .post('/api/auth/refresh')
      .send({ refreshToken: user.refreshToken })
      .expect(200);

    const replay = await api()
      .post('/api/auth/refresh')
      .send({ refreshToken: user.refreshToken })
      .expect(401);
    expect(replay.body.code).toBe('refresh_token_reused');

    // The legitimate holder's newer tokens die with the family.
    const afterTheft = await api()
      .post('/api/auth/refresh')
      .send({ refreshToken: rotated.body.refreshToken })
      .expect(401);
    expect(afterTheft.body.code).toBe('invalid_refresh_token');
    await api().get('/api/me').auth(rotated.body.accessToken, { type: 'bearer' }).expect(401);
    await api().get('/api/me').auth(user.accessToken, { type: 'bearer' }).expect(401);

    // Other sessions of the same user are untouched.
    const other = await logIn(app, user.email);
    await api().get('/api/me').auth(other.accessToken, { type: 'bearer' }).expect(200);
  });

  it('logs out: the session’s access and refresh tokens stop working', async () => {
    const user = await registerAndLogIn(app, 'logout');
    await api()
      .post('/api/auth/logout')
      .auth(user.accessToken, { type: 'bearer' })
      .send({ refreshToken: user.refreshToken })
      .expect(204);
    await api().get('/api/me').auth(user.accessToken, { type: 'bearer' }).expect(401);
    await api().post('/api/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
  });

  it('tells a disabled account from an ended session, the account winning when both apply', async () => {
    const [loggedOut, disabled, both] = await Promise.all([
      registerAndLogIn(app, 'ended'),
      registerAndLogIn(app, 'disabled'),
      registerAndLogIn(app, 'disabled-ended'),
    ]);
    for (const user of [loggedOut, both]) {
      await api().post('/api/auth/logout').auth(user.accessToken, { type: 'bearer' }).expect(204);
    }
    await sql(app, 'UPDATE users SET disabled_at = now() WHERE id = ANY($1)', [
      [disabled.id, both.id],
    ]);

    const codeFor = async (user: { accessToken: string }) => {
      const response = await api().get('/api/me').auth(user.accessToken, { type: 'bearer' });
      return { status: response.status, code: (response.body as { code?: string }).code };
    };
    expect(await codeFor(loggedOut)).toEqual({ status: 401, code: 'session_revoked' });
    expect(await codeFor(disabled)).toEqual({ status: 401, code: 'account_disabled' });
    expect(await codeFor(both)).toEqual({ status: 401, code: 'account_disabled' });
  });

  it('refuses a forged or expired access token', async () => {
    const user = await registerAndLogIn(app, 'forged');
    const [header, payload] = user.accessToken.split('.');
    await api()
      .get('/api/me')
      .auth(`${header}.${payload}.invalidsignature`, { type: 'bearer' })
      .expect(401);
    await api().get('/api/me').auth('not-a-jwt', { type: 'bearer' }).expect(401);
  });

  it('answers a login without credentials with 400 naming the fields', async () => {
    const response = await api().post('/api/auth/login').send({}).expect(400);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual([
      'email',
      'password',
    ]);
  });
});
