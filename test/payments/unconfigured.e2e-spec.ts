import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { configureChambre, insertOrganisations, insertPublishedSession } from '@mutualis/testing';
import { registerAndLogIn, TestUser } from '../support/api-client';
import { createTestApp } from '../support/test-app';

// Without Stripe keys (the demo), card payment is unavailable and says so; transfers still work.
describe('payments without Stripe configured', () => {
  let app: NestExpressApplication;
  let db: DataSource;
  let member: TestUser;
  let organisationId: string;

  beforeAll(async () => {
    app = await createTestApp({
      STRIPE_SECRET_KEY: '',
      STRIPE_WEBHOOK_SECRET: '',
      STRIPE_API_BASE: '',
    });
    db = app.get(DataSource);
    await configureChambre(db);
    member = await registerAndLogIn(app, 'no-stripe');
    [organisationId] = await insertOrganisations(db, member.id, 1, 'active');
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers 503 problem+json for card payment, and bank transfer still works', async () => {
    const { sessionId } = await insertPublishedSession(db);
    const booked = await request(app.getHttpServer())
      .post('/api/bookings')
      .auth(member.accessToken, { type: 'bearer' })
      .send({
        organisationId,
        sessionId,
        attendees: [{ name: 'Chloé Blanc', email: 'chloe@test.mutualis.fr' }],
      })
      .expect(201);
    const card = await request(app.getHttpServer())
      .post(`/api/bookings/${booked.body.id}/checkout`)
      .auth(member.accessToken, { type: 'bearer' })
      .send({ method: 'card' })
      .expect(503);
    expect(card.headers['content-type']).toContain('application/problem+json');
    expect(card.body.code).toBe('card_payment_unavailable');
    await request(app.getHttpServer())
      .post(`/api/bookings/${booked.body.id}/checkout`)
      .auth(member.accessToken, { type: 'bearer' })
      .send({ method: 'bank_transfer' })
      .expect(200);
  });

  it('refuses webhooks (nothing to verify them with) without storing anything', async () => {
    await request(app.getHttpServer())
      .post('/api/webhooks/stripe')
      .set('Content-Type', 'application/json')
      .set('Stripe-Signature', 't=1,v1=abc')
      .send('{"id":"evt_nope"}')
      .expect(503);
    const [row] = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM stripe_events WHERE id = 'evt_nope'`,
    );
    expect(row.n).toBe(0);
  });
});
