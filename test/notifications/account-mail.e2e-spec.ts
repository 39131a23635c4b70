import { NestExpressApplication } from '@nestjs/platform-express';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { configureChambre, uniqueEmail } from '@mutualis/testing';
import { logIn, registerAndLogIn, TEST_PASSWORD } from '../support/api-client';
import { eventually } from '../support/expectations';
import { CaughtMail, SmtpCatcher } from '../support/smtp-catcher';
import { sql } from '../support/test-app';
import { startWorkerHarness, WorkerHarness } from '../support/worker-harness';

const WEB = 'https://mutualis.test';

// The account's mail through the real processes: the api records the event, the built worker
// plans the message, mints the link's secret at send time and sends it over SMTP. The secret
// must then be found in the e-mail only: not in the outbox, the delivery log or the queue.
describe('account mail', () => {
  let harness: WorkerHarness;
  let app: NestExpressApplication;
  let db: DataSource;
  let smtp: SmtpCatcher;
  let queue: Queue;

  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    smtp = await SmtpCatcher.start();
    harness = await startWorkerHarness('account-mail', {
      SMTP_URL: smtp.url,
      MAIL_FROM: 'ne-pas-repondre@test.mutualis.fr',
      PUBLIC_WEB_URL: WEB,
    });
    ({ app, db } = harness);
    await configureChambre(db);
    queue = new Queue('notifications', {
      connection: { host: '127.0.0.1', port: 6379 },
      prefix: `${harness.environment.redisPrefix}:bull`,
    });
  });

  afterAll(async () => {
    await queue?.close();
    await harness?.stop();
    await smtp?.stop();
  });

  async function mailTo(recipient: string, subject: RegExp): Promise<CaughtMail> {
    const [caught] = await smtp.waitFor(
      (mail) => mail.to.includes(recipient.toLowerCase()) && subject.test(mail.mail.subject ?? ''),
    );
    expect(caught).toBeDefined();
    return caught;
  }

  /** The link to the web app in a message, the same in its HTML and its text. */
  function linkIn(caught: CaughtMail, path: string): URL {
    const pattern = new RegExp(`${WEB.replace(/\./g, '\\.')}${path}\\?token=[A-Za-z0-9_-]+`);
    const inText = pattern.exec(caught.mail.text ?? '')?.[0];
    const inHtml = pattern.exec(String(caught.mail.html))?.[0];
    expect(inText).toBeDefined();
    expect(inHtml).toBe(inText);
    return new URL(inText!);
  }

  /** Every place a secret could have been left on the way to the mailbox. */
  async function assertStoredNowhere(secret: string): Promise<void> {
    const outbox = await db.query<unknown[]>(
      `SELECT 1 FROM outbox_events WHERE payload::text LIKE '%' || $1 || '%'`,
      [secret],
    );
    const deliveries = await db.query<unknown[]>(
      `SELECT 1 FROM notification_deliveries
        WHERE params::text LIKE '%' || $1 || '%' OR coalesce(last_error, '') LIKE '%' || $1 || '%'`,
      [secret],
    );
    const tokens = await db.query<unknown[]>(
      `SELECT 1 FROM account_tokens WHERE token_hash LIKE '%' || $1 || '%'`,
      [secret],
    );
    expect({ outbox, deliveries, tokens }).toEqual({ outbox: [], deliveries: [], tokens: [] });
    const redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true });
    try {
      await redis.connect();
      const keys = await redis.keys(`${harness.environment.redisPrefix}:bull:notifications:*`);
      for (const key of keys) {
        if ((await redis.type(key)) !== 'hash') continue;
        const fields = await redis.hgetall(key);
        expect(JSON.stringify(fields)).not.toContain(secret);
      }
      expect(keys.length).toBeGreaterThan(0);
    } finally {
      redis.disconnect();
    }
  }

  it('mails a verification link at sign-up, in French and English, which verifies the address once', async () => {
    const email = uniqueEmail('welcome');
    await api()
      .post('/api/auth/register')
      .send({ email, password: TEST_PASSWORD, name: 'Camille Martin' })
      .expect(202);
    const caught = await mailTo(email, /^Confirmez votre adresse e-mail/);
    expect(caught.mail.text).toContain('Bonjour Camille Martin');
    const link = linkIn(caught, '/verify-email');
    const token = link.searchParams.get('token')!;
    await assertStoredNowhere(token);

    const { accessToken } = await logIn(app, email);
    await api().post('/api/auth/verify-email').send({ token }).expect(204);
    const me = await api().get('/api/me').auth(accessToken, { type: 'bearer' }).expect(200);
    expect(me.body.emailVerified).toBe(true);
    await api().post('/api/auth/verify-email').send({ token }).expect(400);

    const english = uniqueEmail('welcome-en');
    await api()
      .post('/api/auth/register')
      .send({ email: english, password: TEST_PASSWORD, name: 'Sam Smith', locale: 'en' })
      .expect(202);
    const en = await mailTo(english, /^Confirm your e-mail address/);
    expect(en.mail.text).toContain('This link works once');
  });

  it('tells the owner of a taken address that someone tried to sign up with it, with no link to verify', async () => {
    const owner = await registerAndLogIn(app, 'owner');
    await api()
      .post('/api/auth/register')
      .send({ email: owner.email, password: 'the intruder’s password', name: 'Intruder' })
      .expect(202);
    const caught = await mailTo(owner.email, /^Tentative d’inscription/);
    expect(caught.mail.text).toContain('Bonjour Test owner');
    expect(caught.mail.text).toContain(`${WEB}/login`);
    expect(caught.mail.text).toContain(`${WEB}/forgot-password`);
    expect(caught.mail.text).not.toContain('token=');
  });

  it('mails a reset link that sets a new password once and signs every session out; an unknown address gets nothing', async () => {
    const user = await registerAndLogIn(app, 'forgetful');
    const unknown = uniqueEmail('nobody');
    await api().post('/api/auth/password-reset').send({ email: unknown }).expect(202);
    await api().post('/api/auth/password-reset').send({ email: user.email }).expect(202);
    const caught = await mailTo(user.email, /^Réinitialisation de votre mot de passe/);
    const token = linkIn(caught, '/reset-password').searchParams.get('token')!;
    await assertStoredNowhere(token);

    await api()
      .post('/api/auth/password-reset/confirm')
      .send({ token, password: 'une toute nouvelle phrase' })
      .expect(204);
    await api().get('/api/me').auth(user.accessToken, { type: 'bearer' }).expect(401);
    await logIn(app, user.email, 'une toute nouvelle phrase');
    await api()
      .post('/api/auth/password-reset/confirm')
      .send({ token, password: 'encore une autre phrase' })
      .expect(400);

    // The unknown address was answered alike and got nothing.
    expect(smtp.to(unknown)).toHaveLength(0);
    const planned = await sql<unknown[]>(
      app,
      `SELECT 1 FROM notification_deliveries WHERE recipient = lower($1)`,
      [unknown],
    );
    expect(planned).toHaveLength(0);
  });

  it('sends a link to the new address and a notice to the current one on a change of address', async () => {
    const user = await registerAndLogIn(app, 'mover');
    const newEmail = uniqueEmail('new-home');
    await api()
      .post('/api/me/email')
      .auth(user.accessToken, { type: 'bearer' })
      .send({ newEmail, currentPassword: TEST_PASSWORD })
      .expect(202);
    const notice = await mailTo(user.email, /^Changement d’adresse e-mail demandé/);
    expect(notice.mail.text).toContain(newEmail);
    expect(notice.mail.text).toContain(`${WEB}/account/security`);
    expect(notice.mail.text).not.toContain('token=');
    const confirm = await mailTo(newEmail, /^Confirmez votre nouvelle adresse e-mail/);
    const token = linkIn(confirm, '/verify-email').searchParams.get('token')!;
    await assertStoredNowhere(token);
    await api().post('/api/auth/verify-email').send({ token }).expect(204);
    await logIn(app, newEmail);
  });

  it('sends nothing for a link replaced before the worker got to it', async () => {
    const user = await registerAndLogIn(app, 'impatient');
    await api().post('/api/auth/password-reset').send({ email: user.email }).expect(202);
    await api().post('/api/auth/password-reset').send({ email: user.email }).expect(202);
    // Both events handled by the worker, and whatever they planned sent or skipped.
    const events = await sql<{ id: string }[]>(
      app,
      `SELECT id FROM outbox_events WHERE type = 'identity.password-reset-requested'
          AND aggregate_id IN (SELECT id FROM account_tokens WHERE user_id = $1)`,
      [user.id],
    );
    expect(events).toHaveLength(2);
    for (const event of events) {
      await eventually(
        async () => (await queue.getJob(event.id))?.getState(),
        (state) => state === 'completed',
        20_000,
      );
    }
    await eventually(
      () =>
        sql<{ status: string }[]>(
          app,
          `SELECT status FROM notification_deliveries
            WHERE recipient = lower($1) AND template = 'account-password-reset'`,
          [user.email],
        ),
      (rows) => rows.length >= 1 && rows.every((row) => row.status !== 'pending'),
      20_000,
    );
    // Whatever the order, the first link was retired by the second: only one link works.
    const mails = smtp.to(user.email);
    const tokens = mails.map((mail) => /token=([A-Za-z0-9_-]+)/.exec(mail.mail.text ?? '')?.[1]);
    const outcomes = await Promise.all(
      tokens.map(async (token) =>
        token
          ? (
              await api()
                .post('/api/auth/password-reset/confirm')
                .send({ token, password: 'une nouvelle phrase de passe' })
            ).status
          : 0,
      ),
    );
    expect(outcomes.filter((status) => status === 204)).toHaveLength(1);
  });
});
