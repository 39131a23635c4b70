import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { PurgeExpiredCredentialsUseCase } from '@mutualis/identity';
import {
  createOrganisation,
  logIn,
  registerAndLogIn,
  TEST_PASSWORD,
  TestUser,
} from '../support/api-client';
import { createTestApp, sql } from '../support/test-app';
import { enrolTwoFactor, freshTotpCode, totpCodeAt } from '../support/two-factor';

const bearer = { type: 'bearer' } as const;

// Two-factor authentication (TOTP, RFC 6238) with recovery codes, required for admins and finance.
describe('two-factor authentication', () => {
  let app: NestExpressApplication;
  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  const passwordStep = (email: string) =>
    api().post('/api/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);

  const currentStep = () => Math.floor(Date.now() / 30_000);

  /** A member with two-factor authentication on. */
  async function enrolledMember(label: string) {
    const user = await registerAndLogIn(app, label);
    const enrolled = await enrolTwoFactor(app, user);
    return { user, ...enrolled };
  }

  it('answers the usual tokens to a user without two-factor authentication', async () => {
    const user = await registerAndLogIn(app, 'no-2fa');
    const response = await passwordStep(user.email);
    expect(Object.keys(response.body).sort()).toEqual([
      'accessToken',
      'expiresIn',
      'refreshToken',
      'tokenType',
    ]);
    const status = await api().get('/api/me/two-factor').auth(user.accessToken, bearer).expect(200);
    expect(status.body).toEqual({
      enabled: false,
      pending: false,
      required: false,
      enabledAt: null,
      recoveryCodesLeft: 0,
    });
  });

  it('enrols an app: a pending secret with its QR code, turned on by a first right code, with ten recovery codes shown once', async () => {
    const user = await registerAndLogIn(app, 'enrol');
    const started = await api()
      .post('/api/me/two-factor/enrolment')
      .auth(user.accessToken, bearer)
      .expect(201);
    expect(started.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(started.body.otpauthUri).toBe(
      `otpauth://totp/Mutualis:${encodeURIComponent(user.email)}?issuer=Mutualis&secret=${started.body.secret}&algorithm=SHA1&digits=6&period=30`,
    );
    expect(started.body.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(started.body.qrCode.split(',')[1], 'base64').toString()).toContain('<svg');
    const pending = await api()
      .get('/api/me/two-factor')
      .auth(user.accessToken, bearer)
      .expect(200);
    expect(pending.body).toMatchObject({ enabled: false, pending: true });

    // Stored encrypted (AES-256-GCM), never as the secret itself.
    const [row] = await sql<{ secret_ciphertext: string }[]>(
      app,
      'SELECT secret_ciphertext FROM user_totp WHERE user_id = $1',
      [user.id],
    );
    expect(row.secret_ciphertext).toMatch(/^v1:/);
    expect(row.secret_ciphertext).not.toContain(started.body.secret);

    const wrong = await api()
      .post('/api/me/two-factor/enrolment/confirm')
      .auth(user.accessToken, bearer)
      .send({ code: totpCodeAt(started.body.secret, currentStep() - 5) })
      .expect(422);
    expect(wrong.body.code).toBe('mfa_code_rejected');

    const confirmed = await api()
      .post('/api/me/two-factor/enrolment/confirm')
      .auth(user.accessToken, bearer)
      .send({ code: totpCodeAt(started.body.secret, currentStep()) })
      .expect(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.body.recoveryCodes).size).toBe(10);
    const [codes] = await sql<{ n: number; plain: number }[]>(
      app,
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE code_hash = ANY($2))::int AS plain
         FROM user_recovery_codes WHERE user_id = $1`,
      [user.id, confirmed.body.recoveryCodes],
    );
    expect(codes).toEqual({ n: 10, plain: 0 });

    const status = await api().get('/api/me/two-factor').auth(user.accessToken, bearer).expect(200);
    expect(status.body).toMatchObject({ enabled: true, pending: false, recoveryCodesLeft: 10 });
    const again = await api()
      .post('/api/me/two-factor/enrolment')
      .auth(user.accessToken, bearer)
      .expect(409);
    expect(again.body.code).toBe('mfa_already_enabled');
  });

  it('asks an enrolled user for a code after the password, and signs them in with it', async () => {
    const { user, secret } = await enrolledMember('sign-in');
    const challenge = await passwordStep(user.email);
    expect(challenge.body).toEqual({
      mfaRequired: true,
      mfaToken: expect.any(String),
      expiresIn: 300,
    });
    expect(challenge.body.accessToken).toBeUndefined();

    const { code } = await freshTotpCode(secret, currentStep());
    const tokens = await api()
      .post('/api/auth/login/mfa')
      .send({ mfaToken: challenge.body.mfaToken, code })
      .expect(200);
    expect(tokens.body).toMatchObject({ expiresIn: 900, tokenType: 'Bearer' });
    await api().get('/api/me').auth(tokens.body.accessToken, bearer).expect(200);

    // The challenge works once.
    const reused = await api()
      .post('/api/auth/login/mfa')
      .send({ mfaToken: challenge.body.mfaToken, code })
      .expect(401);
    expect(reused.body.code).toBe('invalid_mfa_token');
  });

  it('accepts each code once: a code already used is refused on a new sign-in', async () => {
    const { user, secret } = await enrolledMember('replay');
    const { code } = await freshTotpCode(secret, currentStep());
    const first = await passwordStep(user.email);
    await api()
      .post('/api/auth/login/mfa')
      .send({ mfaToken: first.body.mfaToken, code })
      .expect(200);

    const second = await passwordStep(user.email);
    const replayed = await api()
      .post('/api/auth/login/mfa')
      .send({ mfaToken: second.body.mfaToken, code })
      .expect(401);
    expect(replayed.body).toMatchObject({ code: 'invalid_mfa_code', status: 401 });
    expect(replayed.headers['content-type']).toContain('application/problem+json');
  });

  it('signs in with a recovery code, each working once', async () => {
    const { user, recoveryCodes } = await enrolledMember('recovery');
    const first = await passwordStep(user.email);
    const tokens = await api()
      .post('/api/auth/login/mfa')
      // Typed by hand: upper case and spaces are forgiven.
      .send({ mfaToken: first.body.mfaToken, recoveryCode: ` ${recoveryCodes[3].toUpperCase()} ` })
      .expect(200);
    const status = await api()
      .get('/api/me/two-factor')
      .auth(tokens.body.accessToken, bearer)
      .expect(200);
    expect(status.body.recoveryCodesLeft).toBe(9);

    const second = await passwordStep(user.email);
    const reused = await api()
      .post('/api/auth/login/mfa')
      .send({ mfaToken: second.body.mfaToken, recoveryCode: recoveryCodes[3] })
      .expect(401);
    expect(reused.body.code).toBe('invalid_mfa_code');
  });

  it('spends a challenge after 5 wrong codes: even the right code is then refused', async () => {
    const { user, secret } = await enrolledMember('five-tries');
    const challenge = await passwordStep(user.email);
    const wrongCode = totpCodeAt(secret, currentStep() - 10);
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await api()
        .post('/api/auth/login/mfa')
        .send({ mfaToken: challenge.body.mfaToken, code: wrongCode })
        .expect(401);
      expect(response.body.code).toBe('invalid_mfa_code');
    }
    const { code } = await freshTotpCode(secret, currentStep());
    const spent = await api()
      .post('/api/auth/login/mfa')
      .send({ mfaToken: challenge.body.mfaToken, code })
      .expect(401);
    expect(spent.body.code).toBe('invalid_mfa_token');
  });

  it('limits wrong codes per user across sign-ins: after 10 in a quarter hour, 429 even with the right code', async () => {
    const { user, secret } = await enrolledMember('ten-tries');
    const wrongCode = totpCodeAt(secret, currentStep() - 10);
    for (let login = 0; login < 2; login++) {
      const challenge = await passwordStep(user.email);
      for (let attempt = 0; attempt < 5; attempt++) {
        await api()
          .post('/api/auth/login/mfa')
          .send({ mfaToken: challenge.body.mfaToken, code: wrongCode })
          .expect(401);
      }
    }
    const challenge = await passwordStep(user.email);
    const { code, step } = await freshTotpCode(secret, currentStep());
    const limited = await api()
      .post('/api/auth/login/mfa')
      .send({ mfaToken: challenge.body.mfaToken, code })
      .expect(429);
    expect(limited.body.code).toBe('too_many_mfa_attempts');
    // The refused code was not even checked, so not used up.
    const [row] = await sql<{ last: string }[]>(
      app,
      'SELECT last_used_step::text AS last FROM user_totp WHERE user_id = $1',
      [user.id],
    );
    expect(Number(row.last)).toBeLessThan(step);
  });

  it('keeps to the per-user budget under concurrent wrong codes on several sign-ins', async () => {
    const { user, secret } = await enrolledMember('concurrent-tries');
    const wrongCode = totpCodeAt(secret, currentStep() - 10);
    const tokens: string[] = [];
    for (let login = 0; login < 3; login++) {
      tokens.push((await passwordStep(user.email)).body.mfaToken as string);
    }
    const answers = await Promise.all(
      tokens.flatMap((mfaToken) =>
        Array.from({ length: 5 }, () =>
          api().post('/api/auth/login/mfa').send({ mfaToken, code: wrongCode }),
        ),
      ),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 401)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(5);
    const [row] = await sql<{ failures: number }[]>(
      app,
      'SELECT sum(failed_attempts)::int AS failures FROM mfa_challenges WHERE user_id = $1',
      [user.id],
    );
    expect(row.failures).toBe(10);
  });

  it('refuses an expired challenge', async () => {
    const { user, secret } = await enrolledMember('expired');
    const challenge = await passwordStep(user.email);
    await sql(
      app,
      `UPDATE mfa_challenges SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [user.id],
    );
    const { code } = await freshTotpCode(secret, currentStep());
    const expired = await api()
      .post('/api/auth/login/mfa')
      .send({ mfaToken: challenge.body.mfaToken, code })
      .expect(401);
    expect(expired.body.code).toBe('invalid_mfa_token');
  });

  it('purges sign-in challenges a day after they expired, and keeps recent ones', async () => {
    const { user } = await enrolledMember('purged');
    await passwordStep(user.email);
    await passwordStep(user.email);
    await sql(
      app,
      `UPDATE mfa_challenges SET expires_at = now() - interval '25 hours'
        WHERE id = (SELECT id FROM mfa_challenges WHERE user_id = $1 LIMIT 1)`,
      [user.id],
    );
    const result = await app.get(PurgeExpiredCredentialsUseCase).execute();
    expect(result.mfaChallenges).toBeGreaterThanOrEqual(1);
    const [row] = await sql<{ n: number }[]>(
      app,
      'SELECT count(*)::int AS n FROM mfa_challenges WHERE user_id = $1',
      [user.id],
    );
    expect(row.n).toBe(1);
  });

  it('answers 400 problem+json to malformed second steps, and changes nothing', async () => {
    const { user, recoveryCodes } = await enrolledMember('malformed');
    const challenge = await passwordStep(user.email);
    const mfaToken = challenge.body.mfaToken as string;
    for (const body of [
      {},
      { mfaToken },
      { mfaToken, code: '12345' },
      { mfaToken, code: 123456 },
      { mfaToken, code: 'abcdef' },
      { mfaToken, code: '123456', recoveryCode: recoveryCodes[0] },
      { mfaToken: 42, code: '123456' },
      { mfaToken, recoveryCode: 'x'.repeat(41) },
    ]) {
      const response = await api().post('/api/auth/login/mfa').send(body).expect(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    const [row] = await sql<{ failed_attempts: number }[]>(
      app,
      'SELECT failed_attempts FROM mfa_challenges WHERE user_id = $1',
      [user.id],
    );
    expect(row.failed_attempts).toBe(0);
    await api()
      .post('/api/auth/login/mfa')
      .send({ mfaToken: 'not-a-token', code: '123456' })
      .expect(401);
  });

  it('turns off for a member with a code or the password (a wrong one changes nothing), and sign-in is one step again', async () => {
    const { user, secret } = await enrolledMember('disable');
    const wrong = await api()
      .post('/api/me/two-factor/disable')
      .auth(user.accessToken, bearer)
      .send({ password: 'not the password at all' })
      .expect(422);
    expect(wrong.body.code).toBe('mfa_code_rejected');
    await api()
      .post('/api/me/two-factor/disable')
      .auth(user.accessToken, bearer)
      .send({ code: totpCodeAt(secret, currentStep() - 10) })
      .expect(422);
    expect((await passwordStep(user.email)).body.mfaRequired).toBe(true);

    await api()
      .post('/api/me/two-factor/disable')
      .auth(user.accessToken, bearer)
      .send({ password: TEST_PASSWORD })
      .expect(204);
    expect((await passwordStep(user.email)).body.accessToken).toEqual(expect.any(String));
    const [rows] = await sql<{ n: number }[]>(
      app,
      `SELECT (SELECT count(*) FROM user_totp WHERE user_id = $1)
            + (SELECT count(*) FROM user_recovery_codes WHERE user_id = $1) AS n`,
      [user.id],
    );
    expect(Number(rows.n)).toBe(0);
  });

  it('makes new recovery codes with a proof; the old ones stop working', async () => {
    const { user, recoveryCodes } = await enrolledMember('regenerate');
    await api()
      .post('/api/me/two-factor/recovery-codes')
      .auth(user.accessToken, bearer)
      .send({})
      .expect(400);
    const renewed = await api()
      .post('/api/me/two-factor/recovery-codes')
      .auth(user.accessToken, bearer)
      .send({ password: TEST_PASSWORD })
      .expect(200);
    expect(renewed.body.recoveryCodes).toHaveLength(10);
    const challenge = await passwordStep(user.email);
    await api()
      .post('/api/auth/login/mfa')
      .send({ mfaToken: challenge.body.mfaToken, recoveryCode: recoveryCodes[0] })
      .expect(401);
    await api()
      .post('/api/auth/login/mfa')
      .send({ mfaToken: challenge.body.mfaToken, recoveryCode: renewed.body.recoveryCodes[0] })
      .expect(200);
  });

  describe('for admins and finance staff', () => {
    async function withRole(label: string, role: 'admin' | 'finance'): Promise<TestUser> {
      const user = await registerAndLogIn(app, label);
      await sql(app, 'UPDATE users SET platform_roles = $2 WHERE id = $1', [user.id, [role]]);
      return user;
    }

    it('answers 403 mfa_enrolment_required on every admin or finance route until they enrol, then lets them in', async () => {
      const admin = await withRole('unenrolled-admin', 'admin');
      const finance = await withRole('unenrolled-finance', 'finance');
      for (const [user, path] of [
        [admin, '/api/users'],
        [admin, '/api/admin/notifications'],
        [finance, '/api/finance/receivables'],
        [finance, '/api/finance/bank-transactions'],
      ] as const) {
        const refused = await api().get(path).auth(user.accessToken, bearer).expect(403);
        expect(refused.body).toMatchObject({ code: 'mfa_enrolment_required', status: 403 });
        expect(refused.headers['content-type']).toContain('application/problem+json');
      }
      // Signed in and otherwise a user like any other: their profile, and what it takes to enrol.
      await api().get('/api/me').auth(admin.accessToken, bearer).expect(200);
      const status = await api()
        .get('/api/me/two-factor')
        .auth(admin.accessToken, bearer)
        .expect(200);
      expect(status.body).toMatchObject({ enabled: false, required: true });

      await enrolTwoFactor(app, admin);
      await enrolTwoFactor(app, finance);
      await api().get('/api/users').auth(admin.accessToken, bearer).expect(200);
      await api().get('/api/finance/receivables').auth(finance.accessToken, bearer).expect(200);
    });

    it('applies the same rule to a user who gains the role after signing in, and to their later sign-ins', async () => {
      const user = await registerAndLogIn(app, 'promoted');
      await api().get('/api/users').auth(user.accessToken, bearer).expect(403);
      await sql(app, `UPDATE users SET platform_roles = '{admin}' WHERE id = $1`, [user.id]);
      const refused = await api().get('/api/users').auth(user.accessToken, bearer).expect(403);
      expect(refused.body.code).toBe('mfa_enrolment_required');

      await enrolTwoFactor(app, user);
      const again = await logIn(app, user.email);
      await api().get('/api/users').auth(again.accessToken, bearer).expect(200);
    });

    it('grants no admin power inside rules either: an unenrolled admin cannot read another organisation', async () => {
      const owner = await registerAndLogIn(app, 'org-owner');
      const organisationId = await createOrganisation(app, owner);
      const admin = await withRole('no-power', 'admin');
      const refused = await api()
        .get(`/api/organisations/${organisationId}`)
        .auth(admin.accessToken, bearer);
      expect([403, 404]).toContain(refused.status);

      await enrolTwoFactor(app, admin);
      await api()
        .get(`/api/organisations/${organisationId}`)
        .auth(admin.accessToken, bearer)
        .expect(200);
    });

    it('refuses to turn it off for them', async () => {
      const admin = await withRole('keeps-2fa', 'admin');
      await enrolTwoFactor(app, admin);
      const refused = await api()
        .post('/api/me/two-factor/disable')
        .auth(admin.accessToken, bearer)
        .send({ password: TEST_PASSWORD })
        .expect(403);
      expect(refused.body.code).toBe('mfa_required_for_role');
      const status = await api()
        .get('/api/me/two-factor')
        .auth(admin.accessToken, bearer)
        .expect(200);
      expect(status.body.enabled).toBe(true);
    });
  });
});
