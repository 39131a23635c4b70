import { JwtService } from '@nestjs/jwt';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { PUBLISHED_JWT_SECRETS } from '@mutualis/core';
import { registerAndLogIn, TestUser } from '../support/api-client';
import { createTestApp, sql } from '../support/test-app';

const bearer = { type: 'bearer' } as const;
/** The secret every api used when JWT_ACCESS_SECRET was unset outside production, until issue 16. */
const FORMER_DEVELOPMENT_SECRET = 'mutualis-development-secret-change-me-0123456789';

/** The session id (`sid`) of an access token the api issued. */
function sessionOf(user: TestUser): string {
  return new JwtService().decode<{ sid: string }>(user.accessToken).sid;
}

/** An access token signed with a given secret, with the api's issuer and audience. */
function tokenSignedWith(secret: string, claims: { sub: string; sid: string }): string {
  return new JwtService().sign(claims, {
    secret,
    algorithm: 'HS256',
    issuer: 'mutualis',
    audience: 'mutualis-api',
    expiresIn: 600,
  });
}

describe('access tokens cannot be forged', () => {
  describe('an api started in development without JWT_ACCESS_SECRET', () => {
    let app: NestExpressApplication;
    let admin: TestUser;

    beforeAll(async () => {
      // A plain `node main.js` deployment: NODE_ENV defaults to development, no secret given.
      app = await createTestApp({ NODE_ENV: 'development', JWT_ACCESS_SECRET: '' });
      admin = await registerAndLogIn(app, 'forged-admin');
      await sql(app, "UPDATE users SET platform_roles = '{admin}' WHERE id = $1", [admin.id]);
    });

    afterAll(async () => {
      await app.close();
    });

    it('refuses a token signed with the former development secret for the admin and a live session', async () => {
      expect(PUBLISHED_JWT_SECRETS).toContain(FORMER_DEVELOPMENT_SECRET);
      const forged = tokenSignedWith(FORMER_DEVELOPMENT_SECRET, {
        sub: admin.id,
        sid: sessionOf(admin),
      });
      const response = await request(app.getHttpServer()).get('/api/me').auth(forged, bearer);
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
    });

    it('still signs in and serves its own tokens, signed with a secret of its own', async () => {
      const me = await request(app.getHttpServer())
        .get('/api/me')
        .auth(admin.accessToken, bearer)
        .expect(200);
      expect(me.body.id).toBe(admin.id);
    });
  });

  describe('an api with its secret', () => {
    let app: NestExpressApplication;
    let alice: TestUser;
    let bob: TestUser;

    beforeAll(async () => {
      app = await createTestApp();
      [alice, bob] = await Promise.all([
        registerAndLogIn(app, 'session-alice'),
        registerAndLogIn(app, 'session-bob'),
      ]);
    });

    afterAll(async () => {
      await app.close();
    });

    it("refuses a validly signed token for one user carrying another user's live session id", async () => {
      const secret = process.env.JWT_ACCESS_SECRET!;
      const borrowed = tokenSignedWith(secret, { sub: alice.id, sid: sessionOf(bob) });
      const response = await request(app.getHttpServer()).get('/api/me').auth(borrowed, bearer);
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');

      // The same signature with Alice's own session is accepted: only the session was wrong.
      const own = tokenSignedWith(secret, { sub: alice.id, sid: sessionOf(alice) });
      const me = await request(app.getHttpServer()).get('/api/me').auth(own, bearer).expect(200);
      expect(me.body.id).toBe(alice.id);
    });
  });
});
