import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AccountLinksService } from '@mutualis/identity';
import { insertPublishedSession, uniqueEmail } from '@mutualis/testing';
import {
  createOrganisation,
  logIn,
  organisationBody,
  registerAndLogIn,
  registerUnverifiedAndLogIn,
  TEST_PASSWORD,
  TestUser,
} from '../support/api-client';
import { createTestApp, sql } from '../support/test-app';

// The account lifecycle through the api. The worker is not running here: the test plays the
// mailer's part and mints each link with the same service the worker uses at send time
// (test/notifications/account-mail follows the real e-mails).
describe('account lifecycle', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    app = await createTestApp({ VERIFICATION_EMAIL_COOLDOWN_SECONDS: '0' });
    // Limits under test are in account-limits.e2e-spec.ts: one app per file (passport's
    // strategies are process-wide, so a second app would take over this one's).
  });

  afterAll(async () => {
    await app.close();
  });

  const api = () => request(app.getHttpServer());
  const bearer = { type: 'bearer' } as const;

  /** The link the worker would mail for the user's latest token of this purpose. */
  async function mintLatest(userId: string, purpose: string): Promise<string> {
    const [row] = await sql<{ id: string }[]>(
      app,
      `SELECT id FROM account_tokens WHERE user_id = $1 AND purpose = $2 ORDER BY created_at DESC LIMIT 1`,
      [userId, purpose],
    );
    expect(row).toBeDefined();
    const minted = await app.get(AccountLinksService).mint(row.id);
    expect(minted).not.toBeNull();
    return minted!.token;
  }

  async function events(type: string, aggregateId: string) {
    return sql<{ payload: Record<string, unknown> }[]>(
      app,
      `SELECT payload FROM outbox_events WHERE type = $1 AND aggregate_id = $2`,
      [type, aggregateId],
    );
  }

  async function liveSessions(userId: string): Promise<string[]> {
    const rows = await sql<{ family_id: string }[]>(
      app,
      `SELECT DISTINCT family_id FROM refresh_tokens
        WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()`,
      [userId],
    );
    return rows.map((row) => row.family_id);
  }

  describe('e-mail verification', () => {
    it('issues a verification link at sign-up whose secret is stored nowhere but as a hash', async () => {
      const user = await registerUnverifiedAndLogIn(app, 'verify');
      const [token] = await sql<{ id: string; token_hash: string | null; expires_at: Date }[]>(
        app,
        `SELECT id, token_hash, expires_at FROM account_tokens WHERE user_id = $1 AND purpose = 'email_verification'`,
        [user.id],
      );
      // Not minted until the mail is sent; the event names the link, not its secret.
      expect(token.token_hash).toBeNull();
      expect(await events('identity.email-verification-requested', token.id)).toEqual([
        { payload: {} },
      ]);
      const hours = (token.expires_at.getTime() - Date.now()) / 3_600_000;
      expect(hours).toBeGreaterThan(47.9);
      expect(hours).toBeLessThanOrEqual(48);

      const secret = await mintLatest(user.id, 'email_verification');
      const [stored] = await sql<{ token_hash: string }[]>(
        app,
        `SELECT token_hash FROM account_tokens WHERE id = $1`,
        [token.id],
      );
      expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored.token_hash).not.toContain(secret);

      await api().post('/api/auth/verify-email').send({ token: secret }).expect(204);
      const me = await api().get('/api/me').auth(user.accessToken, bearer).expect(200);
      expect(me.body.emailVerified).toBe(true);
    });

    it('accepts a verification link once only', async () => {
      const user = await registerUnverifiedAndLogIn(app, 'once');
      const secret = await mintLatest(user.id, 'email_verification');
      await api().post('/api/auth/verify-email').send({ token: secret }).expect(204);
      const again = await api().post('/api/auth/verify-email').send({ token: secret }).expect(400);
      expect(again.headers['content-type']).toContain('application/problem+json');
      expect(again.body).toMatchObject({ status: 400, code: 'invalid_account_link' });
    });

    it('refuses an expired verification link and verifies nothing', async () => {
      const user = await registerUnverifiedAndLogIn(app, 'expired');
      const secret = await mintLatest(user.id, 'email_verification');
      await sql(
        app,
        `UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
        [user.id],
      );
      await api().post('/api/auth/verify-email').send({ token: secret }).expect(400);
      const me = await api().get('/api/me').auth(user.accessToken, bearer).expect(200);
      expect(me.body.emailVerified).toBe(false);
    });

    it('refuses a made-up or malformed token with 400 problem+json', async () => {
      const unknown = await api()
        .post('/api/auth/verify-email')
        .send({ token: 'x'.repeat(43) })
        .expect(400);
      expect(unknown.body.code).toBe('invalid_account_link');
      const malformed = await api().post('/api/auth/verify-email').send({ token: 42 }).expect(400);
      expect(malformed.body.code).toBe('validation_failed');
      await api()
        .post('/api/auth/verify-email')
        .send({ token: 'x'.repeat(101) })
        .expect(400);
    });

    it('resends a link that replaces the previous one, only to an unverified account', async () => {
      const user = await registerUnverifiedAndLogIn(app, 'resend');
      const first = await mintLatest(user.id, 'email_verification');
      await api().post('/api/me/verification-email').auth(user.accessToken, bearer).expect(202);
      const second = await mintLatest(user.id, 'email_verification');
      await api().post('/api/auth/verify-email').send({ token: first }).expect(400);
      await api().post('/api/auth/verify-email').send({ token: second }).expect(204);
      const done = await api()
        .post('/api/me/verification-email')
        .auth(user.accessToken, bearer)
        .expect(409);
      expect(done.body.code).toBe('email_already_verified');
    });
  });

  describe('an unverified account', () => {
    let unverified: TestUser;

    beforeAll(async () => {
      unverified = await registerUnverifiedAndLogIn(app, 'unverified');
    });

    it('can sign in but cannot create an organisation (403 email_not_verified), and nothing is written', async () => {
      const body = organisationBody();
      const response = await api()
        .post('/api/organisations')
        .auth(unverified.accessToken, bearer)
        .send(body)
        .expect(403);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({ status: 403, code: 'email_not_verified' });
      const rows = await sql<unknown[]>(app, `SELECT 1 FROM organisations WHERE siret = $1`, [
        body.siret,
      ]);
      expect(rows).toHaveLength(0);
    });

    it('cannot accept an invitation sent to its address until the address is verified', async () => {
      const owner = await registerAndLogIn(app, 'inviter');
      const organisationId = await createOrganisation(app, owner);
      const invited = await api()
        .post(`/api/organisations/${organisationId}/invitations`)
        .auth(owner.accessToken, bearer)
        .send({ email: unverified.email, role: 'org_member' })
        .expect(201);
      const token = invited.body.token as string;
      const refused = await api()
        .post(`/api/invitations/${token}/accept`)
        .auth(unverified.accessToken, bearer)
        .expect(403);
      expect(refused.body.code).toBe('email_not_verified');
      const members = await sql<unknown[]>(
        app,
        `SELECT 1 FROM organisation_members WHERE organisation_id = $1 AND user_id = $2`,
        [organisationId, unverified.id],
      );
      expect(members).toHaveLength(0);

      const secret = await mintLatest(unverified.id, 'email_verification');
      await api().post('/api/auth/verify-email').send({ token: secret }).expect(204);
      await api()
        .post(`/api/invitations/${token}/accept`)
        .auth(unverified.accessToken, bearer)
        .expect(200);
    });

    it('cannot book for an organisation it already belongs to', async () => {
      const booker = await registerUnverifiedAndLogIn(app, 'legacy-booker');
      const owner = await registerAndLogIn(app, 'legacy-owner');
      const organisationId = await createOrganisation(app, owner);
      // An account from before verification existed, already a member.
      await sql(
        app,
        `INSERT INTO organisation_members (organisation_id, user_id, role) VALUES ($1, $2, 'org_member')`,
        [organisationId, booker.id],
      );
      const { sessionId } = await insertPublishedSession(app.get(DataSource));
      const response = await api()
        .post('/api/bookings')
        .auth(booker.accessToken, bearer)
        .send({
          organisationId,
          sessionId,
          attendees: [{ name: 'Inès Martin', email: 'ines@test.mutualis.fr' }],
        })
        .expect(403);
      expect(response.body.code).toBe('email_not_verified');
      const bookings = await sql<unknown[]>(
        app,
        `SELECT 1 FROM bookings WHERE organisation_id = $1`,
        [organisationId],
      );
      expect(bookings).toHaveLength(0);
    });
  });

  describe('invitations', () => {
    it('bind to the invited address: a verified account with another address cannot accept', async () => {
      const owner = await registerAndLogIn(app, 'binder');
      const organisationId = await createOrganisation(app, owner);
      const other = await registerAndLogIn(app, 'other');
      const invited = await api()
        .post(`/api/organisations/${organisationId}/invitations`)
        .auth(owner.accessToken, bearer)
        .send({ email: uniqueEmail('someone-else'), role: 'org_member' })
        .expect(201);
      const response = await api()
        .post(`/api/invitations/${invited.body.token as string}/accept`)
        .auth(other.accessToken, bearer)
        .expect(403);
      expect(response.body.code).toBe('invitation_for_another_email');
    });
  });

  describe('registration', () => {
    it('tells the owner of a taken address by e-mail instead of answering an error', async () => {
      const owner = await registerAndLogIn(app, 'taken');
      const linksBefore = await sql<unknown[]>(
        app,
        `SELECT 1 FROM account_tokens WHERE user_id = $1`,
        [owner.id],
      );
      const response = await api()
        .post('/api/auth/register')
        .send({ email: owner.email, password: 'someone else’s password', name: 'Intruder' })
        .expect(202);
      expect(response.body).toEqual({ email: owner.email, next: 'check_your_inbox' });
      expect(await events('identity.registration-attempted', owner.id)).toHaveLength(1);
      // No verification link for the intruder, and the owner's password is unchanged.
      const tokens = await sql<unknown[]>(app, `SELECT 1 FROM account_tokens WHERE user_id = $1`, [
        owner.id,
      ]);
      expect(tokens).toHaveLength(linksBefore.length);
      await logIn(app, owner.email);
    });
  });

  describe('password reset', () => {
    it('answers 202 with the same empty body whether or not the address has an account', async () => {
      const user = await registerAndLogIn(app, 'reset-known');
      const known = await api()
        .post('/api/auth/password-reset')
        .send({ email: user.email })
        .expect(202);
      const unknown = await api()
        .post('/api/auth/password-reset')
        .send({ email: uniqueEmail('reset-unknown') })
        .expect(202);
      expect(unknown.text).toBe(known.text);
      expect(unknown.headers['content-type']).toBe(known.headers['content-type']);
      expect(Object.keys(unknown.headers).sort()).toEqual(Object.keys(known.headers).sort());
      const [{ count }] = await sql<{ count: string }[]>(
        app,
        `SELECT count(*) FROM account_tokens WHERE user_id = $1 AND purpose = 'password_reset'`,
        [user.id],
      );
      expect(count).toBe('1');
    });

    it('sets the new password, revokes every session, and works once', async () => {
      const user = await registerAndLogIn(app, 'reset');
      const second = await logIn(app, user.email);
      expect(await liveSessions(user.id)).toHaveLength(2);
      await api().post('/api/auth/password-reset').send({ email: user.email }).expect(202);
      const secret = await mintLatest(user.id, 'password_reset');
      const [{ expires_at: expiresAt }] = await sql<{ expires_at: Date }[]>(
        app,
        `SELECT expires_at FROM account_tokens WHERE user_id = $1 AND purpose = 'password_reset'`,
        [user.id],
      );
      const minutes = (expiresAt.getTime() - Date.now()) / 60_000;
      expect(minutes).toBeGreaterThan(59);
      expect(minutes).toBeLessThanOrEqual(60);

      await api()
        .post('/api/auth/password-reset/confirm')
        .send({ token: secret, password: 'a brand new passphrase' })
        .expect(204);
      expect(await liveSessions(user.id)).toHaveLength(0);
      for (const session of [user, second]) {
        await api().get('/api/me').auth(session.accessToken, bearer).expect(401);
        await api()
          .post('/api/auth/refresh')
          .send({ refreshToken: session.refreshToken })
          .expect(401);
      }
      await api()
        .post('/api/auth/login')
        .send({ email: user.email, password: TEST_PASSWORD })
        .expect(401);
      await logIn(app, user.email, 'a brand new passphrase');

      const replay = await api()
        .post('/api/auth/password-reset/confirm')
        .send({ token: secret, password: 'yet another passphrase' })
        .expect(400);
      expect(replay.body.code).toBe('invalid_account_link');
      await logIn(app, user.email, 'a brand new passphrase');
    });

    it('refuses a weak password with the policy’s message, without using the link up', async () => {
      const user = await registerAndLogIn(app, 'reset-weak');
      await api().post('/api/auth/password-reset').send({ email: user.email }).expect(202);
      const secret = await mintLatest(user.id, 'password_reset');
      const weak = await api()
        .post('/api/auth/password-reset/confirm')
        .send({ token: secret, password: user.email })
        .expect(400);
      expect(weak.body.code).toBe('weak_password');
      expect(await liveSessions(user.id)).toHaveLength(1);
      await api()
        .post('/api/auth/password-reset/confirm')
        .send({ token: secret, password: 'a good long passphrase' })
        .expect(204);
    });

    it('refuses an expired reset link and changes nothing', async () => {
      const user = await registerAndLogIn(app, 'reset-expired');
      await api().post('/api/auth/password-reset').send({ email: user.email }).expect(202);
      const secret = await mintLatest(user.id, 'password_reset');
      await sql(
        app,
        `UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
        [user.id],
      );
      await api()
        .post('/api/auth/password-reset/confirm')
        .send({ token: secret, password: 'a brand new passphrase' })
        .expect(400);
      await logIn(app, user.email);
    });

    it('does not accept a verification link as a reset link', async () => {
      const user = await registerUnverifiedAndLogIn(app, 'cross');
      const secret = await mintLatest(user.id, 'email_verification');
      await api()
        .post('/api/auth/password-reset/confirm')
        .send({ token: secret, password: 'a brand new passphrase' })
        .expect(400);
      await logIn(app, user.email);
    });
  });

  describe('change of password', () => {
    it('needs the current password, applies the policy, and revokes every other session but the caller’s', async () => {
      const user = await registerAndLogIn(app, 'change');
      const other = await logIn(app, user.email);
      const wrong = await api()
        .put('/api/me/password')
        .auth(user.accessToken, bearer)
        .send({ currentPassword: 'not my password', newPassword: 'a brand new passphrase' })
        .expect(400);
      expect(wrong.body).toMatchObject({ code: 'invalid_current_password' });
      expect(wrong.body.errors).toEqual([{ field: 'currentPassword', message: 'is incorrect' }]);
      const weak = await api()
        .put('/api/me/password')
        .auth(user.accessToken, bearer)
        .send({ currentPassword: TEST_PASSWORD, newPassword: user.email })
        .expect(400);
      expect(weak.body.code).toBe('weak_password');
      expect(await liveSessions(user.id)).toHaveLength(2);

      await api()
        .put('/api/me/password')
        .auth(user.accessToken, bearer)
        .send({ currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase' })
        .expect(204);
      await api().get('/api/me').auth(user.accessToken, bearer).expect(200);
      await api().get('/api/me').auth(other.accessToken, bearer).expect(401);
      await api().post('/api/auth/refresh').send({ refreshToken: other.refreshToken }).expect(401);
      await api().post('/api/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200);
      await logIn(app, user.email, 'a brand new passphrase');
    });
  });

  describe('change of e-mail address', () => {
    it('takes effect only once the new address is verified, and the current one is told', async () => {
      const user = await registerAndLogIn(app, 'move');
      const newEmail = uniqueEmail('moved');
      await api()
        .post('/api/me/email')
        .auth(user.accessToken, bearer)
        .send({ newEmail, currentPassword: TEST_PASSWORD })
        .expect(202);
      const [link] = await sql<{ id: string; email: string }[]>(
        app,
        `SELECT id, email FROM account_tokens WHERE user_id = $1 AND purpose = 'email_change'`,
        [user.id],
      );
      expect(link.email).toBe(newEmail);
      expect(await events('identity.email-change-requested', link.id)).toHaveLength(1);
      let me = await api().get('/api/me').auth(user.accessToken, bearer).expect(200);
      expect(me.body).toMatchObject({ email: user.email, emailVerified: true });

      const secret = await mintLatest(user.id, 'email_change');
      await api().post('/api/auth/verify-email').send({ token: secret }).expect(204);
      me = await api().get('/api/me').auth(user.accessToken, bearer).expect(200);
      expect(me.body).toMatchObject({ email: newEmail, emailVerified: true });
      await logIn(app, newEmail);
      await api()
        .post('/api/auth/login')
        .send({ email: user.email, password: TEST_PASSWORD })
        .expect(401);
    });

    it('needs the current password and a different address', async () => {
      const user = await registerAndLogIn(app, 'move-checks');
      const wrong = await api()
        .post('/api/me/email')
        .auth(user.accessToken, bearer)
        .send({ newEmail: uniqueEmail('x'), currentPassword: 'wrong password' })
        .expect(400);
      expect(wrong.body.code).toBe('invalid_current_password');
      const same = await api()
        .post('/api/me/email')
        .auth(user.accessToken, bearer)
        .send({ newEmail: user.email.toUpperCase(), currentPassword: TEST_PASSWORD })
        .expect(400);
      expect(same.body.code).toBe('same_email');
      const invalid = await api()
        .post('/api/me/email')
        .auth(user.accessToken, bearer)
        .send({ newEmail: 'not an address', currentPassword: TEST_PASSWORD })
        .expect(400);
      expect(invalid.body.code).toBe('validation_failed');
    });

    it('answers the same for an address that has an account, and never moves onto it', async () => {
      const user = await registerAndLogIn(app, 'move-taken');
      const owner = await registerAndLogIn(app, 'owner');
      await api()
        .post('/api/me/email')
        .auth(user.accessToken, bearer)
        .send({ newEmail: owner.email, currentPassword: TEST_PASSWORD })
        .expect(202);
      const links = await sql<unknown[]>(
        app,
        `SELECT 1 FROM account_tokens WHERE user_id = $1 AND purpose = 'email_change'`,
        [user.id],
      );
      expect(links).toHaveLength(0);
    });

    it('refuses the link if the new address was taken meanwhile', async () => {
      const user = await registerAndLogIn(app, 'move-race');
      const newEmail = uniqueEmail('contested');
      await api()
        .post('/api/me/email')
        .auth(user.accessToken, bearer)
        .send({ newEmail, currentPassword: TEST_PASSWORD })
        .expect(202);
      const secret = await mintLatest(user.id, 'email_change');
      await api()
        .post('/api/auth/register')
        .send({ email: newEmail, password: TEST_PASSWORD, name: 'Quicker' })
        .expect(202);
      const response = await api()
        .post('/api/auth/verify-email')
        .send({ token: secret })
        .expect(409);
      expect(response.body.code).toBe('email_taken');
      const me = await api().get('/api/me').auth(user.accessToken, bearer).expect(200);
      expect(me.body.email).toBe(user.email);
    });
  });

  describe('my sessions', () => {
    it('lists the caller’s live sessions with the current one flagged, and its client', async () => {
      const user = await registerAndLogIn(app, 'sessions');
      const other = await api()
        .post('/api/auth/login')
        .set('User-Agent', 'Firefox de test')
        .send({ email: user.email, password: TEST_PASSWORD })
        .expect(200);
      const response = await api()
        .get('/api/me/sessions')
        .auth(user.accessToken, bearer)
        .expect(200);
      expect(response.body).toHaveLength(2);
      const current = response.body.filter((session: { current: boolean }) => session.current);
      expect(current).toHaveLength(1);
      const firefox = response.body.find(
        (session: { userAgent: string | null }) => session.userAgent === 'Firefox de test',
      );
      expect(firefox).toMatchObject({
        current: false,
        createdAt: expect.any(String),
        lastUsedAt: expect.any(String),
        clientAddress: expect.any(String),
      });
      // A refresh moves "last used" forward.
      await new Promise((resolve) => setTimeout(resolve, 20));
      await api()
        .post('/api/auth/refresh')
        .send({ refreshToken: other.body.refreshToken })
        .expect(200);
      const after = await api().get('/api/me/sessions').auth(user.accessToken, bearer).expect(200);
      const refreshed = after.body.find((session: { id: string }) => session.id === firefox.id);
      expect(Date.parse(refreshed.lastUsedAt)).toBeGreaterThan(Date.parse(firefox.lastUsedAt));
    });

    it('revokes one session by id; another user’s or an unknown id answers 404 and revokes nothing', async () => {
      const user = await registerAndLogIn(app, 'revoke-one');
      const other = await logIn(app, user.email);
      const stranger = await registerAndLogIn(app, 'stranger');
      const sessions = await api()
        .get('/api/me/sessions')
        .auth(user.accessToken, bearer)
        .expect(200);
      const target = sessions.body.find((session: { current: boolean }) => !session.current);

      const foreign = await api()
        .delete(`/api/me/sessions/${target.id as string}`)
        .auth(stranger.accessToken, bearer)
        .expect(404);
      expect(foreign.body.code).toBe('session_not_found');
      await api().get('/api/me').auth(other.accessToken, bearer).expect(200);
      await api().delete('/api/me/sessions/not-a-uuid').auth(user.accessToken, bearer).expect(400);

      await api()
        .delete(`/api/me/sessions/${target.id as string}`)
        .auth(user.accessToken, bearer)
        .expect(204);
      await api().get('/api/me').auth(other.accessToken, bearer).expect(401);
      await api().get('/api/me').auth(user.accessToken, bearer).expect(200);
      await api()
        .delete(`/api/me/sessions/${target.id as string}`)
        .auth(user.accessToken, bearer)
        .expect(404);
    });

    it('revokes every other session at once and keeps the caller’s', async () => {
      const user = await registerAndLogIn(app, 'revoke-all');
      const others = [await logIn(app, user.email), await logIn(app, user.email)];
      const response = await api()
        .delete('/api/me/sessions')
        .auth(user.accessToken, bearer)
        .expect(200);
      expect(response.body).toEqual({ revoked: 2 });
      for (const other of others)
        await api().get('/api/me').auth(other.accessToken, bearer).expect(401);
      const left = await api().get('/api/me/sessions').auth(user.accessToken, bearer).expect(200);
      expect(left.body).toEqual([expect.objectContaining({ current: true })]);
    });

    it('needs a signed-in caller for every /me route', async () => {
      await api().get('/api/me/sessions').expect(401);
      await api().delete('/api/me/sessions').expect(401);
      await api().put('/api/me/password').send({}).expect(401);
      await api().post('/api/me/email').send({}).expect(401);
      await api().post('/api/me/verification-email').expect(401);
    });
  });
});
