import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { insertOrganisations, uniqueEmail } from '@mutualis/testing';
import { registerAndLogIn, TestUser } from '../support/api-client';
import { createTestApp, sql } from '../support/test-app';

// Issue 16, §1.6: each invitation sends an e-mail in the Chambre's name, so an organisation
// and an inviter may send only so many a day. This file runs with small quotas.
describe('invitation quotas', () => {
  let app: NestExpressApplication;
  let db: DataSource;

  beforeAll(async () => {
    app = await createTestApp({
      INVITATION_QUOTA_PER_ORGANISATION: '3',
      INVITATION_QUOTA_PER_USER: '5',
    });
    db = app.get(DataSource);
  });

  afterAll(async () => {
    await app.close();
  });

  const invite = (user: TestUser, organisationId: string, email = uniqueEmail('invited')) =>
    request(app.getHttpServer())
      .post(`/api/organisations/${organisationId}/invitations`)
      .auth(user.accessToken, { type: 'bearer' })
      .send({ email, role: 'org_member' });

  const invitationsOf = async (organisationId: string) =>
    Number(
      (
        await sql<{ count: string }[]>(
          app,
          `SELECT count(*) FROM invitations WHERE organisation_id = $1`,
          [organisationId],
        )
      )[0].count,
    );

  const eventsOf = async (organisationId: string) =>
    Number(
      (
        await sql<{ count: string }[]>(
          app,
          `SELECT count(*) FROM outbox_events
            WHERE type = 'identity.invitation-created' AND payload ->> 'organisationId' = $1`,
          [organisationId],
        )
      )[0].count,
    );

  it('refuses the invitation past the organisation quota with 429 problem+json naming the limit and when it resets, and sends nothing', async () => {
    const admin = await registerAndLogIn(app, 'quota-org');
    const [organisationId] = await insertOrganisations(db, admin.id, 1);
    for (let index = 0; index < 3; index++) await invite(admin, organisationId).expect(201);
    const [{ first }] = await sql<{ first: Date }[]>(
      app,
      `SELECT min(created_at) AS first FROM invitations WHERE organisation_id = $1`,
      [organisationId],
    );

    const refused = await invite(admin, organisationId).expect(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({
      status: 429,
      code: 'invitation_quota_exceeded',
      quota: 'organisation',
      limit: 3,
      windowHours: 24,
    });
    const resetsAt = new Date(refused.body.resetsAt);
    expect(resetsAt.getTime()).toBe(first.getTime() + 24 * 3_600_000);
    expect(refused.body.detail).toContain('3 invitations in the last 24 hours');
    expect(refused.body.detail).toContain(refused.body.resetsAt);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(23 * 3600);
    expect(retryAfter).toBeLessThanOrEqual(24 * 3600);
    expect(await invitationsOf(organisationId)).toBe(3);
    expect(await eventsOf(organisationId)).toBe(3);

    // A day later the oldest one no longer counts: one more place.
    await sql(
      app,
      `UPDATE invitations SET created_at = created_at - interval '24 hours 1 second'
        WHERE id = (SELECT id FROM invitations WHERE organisation_id = $1 ORDER BY created_at LIMIT 1)`,
      [organisationId],
    );
    await invite(admin, organisationId).expect(201);
    await invite(admin, organisationId).expect(429);
  });

  it('never lets concurrent invitations overshoot the organisation quota', async () => {
    const admin = await registerAndLogIn(app, 'quota-race');
    const [organisationId] = await insertOrganisations(db, admin.id, 1);
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => invite(admin, organisationId)),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(3);
    expect(statuses.filter((status) => status === 429)).toHaveLength(9);
    expect(await invitationsOf(organisationId)).toBe(3);
    expect(await eventsOf(organisationId)).toBe(3);
  });

  it('counts one inviter over all their organisations against the per-user quota', async () => {
    const admin = await registerAndLogIn(app, 'quota-user');
    const [first, second] = await insertOrganisations(db, admin.id, 2);
    for (let index = 0; index < 3; index++) await invite(admin, first).expect(201);
    for (let index = 0; index < 2; index++) await invite(admin, second).expect(201);

    const refused = await invite(admin, second).expect(429);
    expect(refused.body).toMatchObject({
      code: 'invitation_quota_exceeded',
      quota: 'user',
      limit: 5,
    });

    // The organisation's other admin has their own allowance, and the organisation room left.
    const colleague = await registerAndLogIn(app, 'quota-colleague');
    await sql(
      app,
      `INSERT INTO organisation_members (organisation_id, user_id, role) VALUES ($1, $2, 'org_admin')`,
      [second, colleague.id],
    );
    await invite(colleague, second).expect(201);
    await invite(colleague, second).expect(429);
  });

  it('counts re-invitations of one address, each of which sends an e-mail', async () => {
    const admin = await registerAndLogIn(app, 'quota-again');
    const [organisationId] = await insertOrganisations(db, admin.id, 1);
    const email = uniqueEmail('again');
    for (let index = 0; index < 3; index++) await invite(admin, organisationId, email).expect(201);
    await invite(admin, organisationId, email).expect(429);
  });
});
