import { NestExpressApplication } from '@nestjs/platform-express';
import Redis from 'ioredis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { configureChambre, insertOrganisations, uniqueEmail } from '@mutualis/testing';
import { logIn, registerAndLogIn, TEST_PASSWORD } from '../support/api-client';
import { SmtpCatcher } from '../support/smtp-catcher';
import { startWorkerHarness, WorkerHarness } from '../support/worker-harness';

/** Public tables whose rows, written as text, contain `secret`. */
async function tablesHolding(db: DataSource, secret: string): Promise<string[]> {
  const tables = await db.query<{ name: string }[]>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  const holding: string[] = [];
  for (const { name } of tables) {
    const [{ found }] = await db.query<{ found: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM "${name}" AS row WHERE strpos(row::text, $1) > 0) AS found`,
      [secret],
    );
    if (found) holding.push(name);
  }
  return holding;
}

/** Redis keys under `prefix` whose value (of any type: BullMQ's jobs are hashes) contains `secret`. */
async function redisKeysHolding(redis: Redis, prefix: string, secret: string): Promise<string[]> {
  const holding: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    for (const key of keys) {
      const type = await redis.type(key);
      let values: unknown;
      if (type === 'string') values = await redis.get(key);
      else if (type === 'hash') values = await redis.hgetall(key);
      else if (type === 'list') values = await redis.lrange(key, 0, -1);
      else if (type === 'set') values = await redis.smembers(key);
      else if (type === 'zset') values = await redis.zrange(key, 0, -1);
      else if (type === 'stream') values = await redis.xrange(key, '-', '+');
      if (JSON.stringify(values ?? null).includes(secret)) holding.push(key);
    }
  } while (cursor !== '0');
  return holding;
}

// Issue 16, §1.6: an invitation's token is stored only as a hash. The mail's link is made by
// the worker as it sends, so no outbox row, delivery log row or queued job ever holds it.
describe('invitation tokens', () => {
  let harness: WorkerHarness;
  let app: NestExpressApplication;
  let db: DataSource;
  let smtp: SmtpCatcher;
  let redis: Redis;

  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    smtp = await SmtpCatcher.start();
    harness = await startWorkerHarness('invitation-tokens', {
      SMTP_URL: smtp.url,
      MAIL_FROM: 'ne-pas-repondre@test.mutualis.fr',
      PUBLIC_WEB_URL: 'https://mutualis.test',
    });
    ({ app, db } = harness);
    await configureChambre(db);
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  });

  afterAll(async () => {
    await redis?.quit();
    await harness?.stop();
    await smtp?.stop();
  });

  it('keeps no clear token in any table or Redis key, and the link in the e-mail lets the invited person join', async () => {
    const inviter = await registerAndLogIn(app, 'token-inviter');
    const [organisationId] = await insertOrganisations(db, inviter.id, 1);
    const invited = uniqueEmail('token-invited');
    const issued = await api()
      .post(`/api/organisations/${organisationId}/invitations`)
      .auth(inviter.accessToken, { type: 'bearer' })
      .send({ email: invited, role: 'org_member' })
      .expect(201);

    const [mail] = await smtp.waitFor((caught) => caught.to.includes(invited), 1);
    const link = /https:\/\/mutualis\.test\/invitations\/([A-Za-z0-9_-]+)/.exec(
      mail.mail.text ?? '',
    );
    expect(link).not.toBeNull();
    const mailed = link![1];
    expect(mailed).not.toBe(issued.body.token);

    // Sent and logged: the delivery row is written, the jobs have run.
    const [delivery] = await db.query<{ status: string; params: Record<string, unknown> }[]>(
      `SELECT status, params FROM notification_deliveries WHERE recipient = $1`,
      [invited],
    );
    expect(delivery).toMatchObject({ status: 'sent', params: { invitationId: issued.body.id } });
    expect(delivery.params).not.toHaveProperty('acceptUrl');
    for (const secret of [mailed, issued.body.token as string]) {
      expect(await tablesHolding(db, secret)).toEqual([]);
      expect(await redisKeysHolding(redis, harness.environment.redisPrefix, secret)).toEqual([]);
    }
    // The search does find what is stored: the invitation's id.
    expect(await tablesHolding(db, issued.body.id as string)).toEqual(
      expect.arrayContaining(['invitations', 'outbox_events', 'notification_deliveries']),
    );

    // The invited person follows the link, signs up with that address and joins.
    await api().get(`/api/invitations/${mailed}`).expect(200);
    await api()
      .post('/api/auth/register')
      .send({ email: invited, password: TEST_PASSWORD, name: 'Personne invitée' })
      .expect(202);
    // Accepting needs the invited address verified: its own test follows the mailed link.
    await harness.db.query(`UPDATE users SET email_verified_at = now() WHERE email = $1`, [
      invited,
    ]);
    const tokens = await logIn(app, invited);
    const accepted = await api()
      .post(`/api/invitations/${mailed}/accept`)
      .auth(tokens.accessToken, { type: 'bearer' })
      .expect(200);
    expect(accepted.body).toMatchObject({ organisationId, role: 'org_member' });
    await api().get(`/api/invitations/${mailed}`).expect(404);
  });
});
