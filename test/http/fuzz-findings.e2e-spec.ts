import { randomUUID } from 'node:crypto';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { insertPublishedSession, StripeStandIn } from '@mutualis/testing';
import { DataSource } from 'typeorm';
import {
  createOrganisation,
  registerAndLogIn,
  TestUser,
  grantPlatformRoles,
} from '../support/api-client';
import { expectProblem } from '../support/expectations';
import { deliverStripeEvent } from '../support/stripe-webhook';
import { createTestApp } from '../support/test-app';

const bearer = { type: 'bearer' } as const;
const WEBHOOK_SECRET = 'whsec_fuzzfindings';

// Each answered 500 when the hostile fuzz (hostile-fuzz.e2e-spec.ts) first ran; one test each.
describe('what the hostile fuzz found', () => {
  let app: NestExpressApplication;
  let stripe: StripeStandIn;
  let member: TestUser;
  let admin: TestUser;
  let organisationId: string;
  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    stripe = await StripeStandIn.start();
    app = await createTestApp({
      REDIS_PREFIX: `${process.env.REDIS_PREFIX}-fuzz-findings`,
      STRIPE_SECRET_KEY: 'sk_test_mutualis',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE: stripe.url,
    });
    [member, admin] = await Promise.all([
      registerAndLogIn(app, 'finding-member'),
      registerAndLogIn(app, 'finding-admin'),
    ]);
    await grantPlatformRoles(app, admin, ['admin', 'finance', 'consultant']);
    organisationId = await createOrganisation(app, member);
  });

  afterAll(async () => {
    await app.close();
    await stripe.stop();
  });

  it.each([12345, true, ['a@b.fr'], { a: 1 }])(
    'refuses a login whose e-mail is %p, not text, with 400',
    async (email) => {
      const response = await api().post('/api/auth/login').send({ email, password: 'x' });
      expectProblem(response, 400, 'validation_failed');
      expect(response.body.errors[0].field).toBe('email');
    },
  );

  it('refuses null for fields of an organisation that cannot be empty, and changes nothing', async () => {
    for (const body of [
      { billingEmail: null },
      { isPublicBody: null },
      { address: null },
      { address: { postalCode: null } },
    ]) {
      const response = await api()
        .patch(`/api/organisations/${organisationId}`)
        .auth(admin.accessToken, bearer)
        .send(body);
      expectProblem(response, 400, 'validation_failed');
    }
    // Nullable fields still clear with null: the VAT number, and the SIRET of an association
    // known by its RNA number (one of the two identifiers is enough for it).
    await api()
      .patch(`/api/organisations/${organisationId}`)
      .auth(admin.accessToken, bearer)
      .send({ vatNumber: null })
      .expect(200);
    const cleared = await api()
      .patch(`/api/organisations/${organisationId}`)
      .auth(admin.accessToken, bearer)
      .send({ siret: null })
      .expect(200);
    expect(cleared.body).toMatchObject({ siret: null, rna: expect.stringMatching(/^W\d{9}$/) });
  });

  it('refuses null for an offering’s non-nullable fields on update', async () => {
    const { offeringId } = await insertPublishedSession(app.get(DataSource), {
      consultantId: admin.id,
    });
    for (const field of ['description', 'deliveryMode', 'cancellationPolicy']) {
      const response = await api()
        .patch(`/api/offerings/${offeringId}`)
        .auth(admin.accessToken, bearer)
        .send({ [field]: null });
      expectProblem(response, 400, 'validation_failed');
    }
  });

  it('refuses an invitation with a null role', async () => {
    const response = await api()
      .post(`/api/organisations/${organisationId}/invitations`)
      .auth(member.accessToken, bearer)
      .send({ email: 'tresorier@asso-exemple.fr', role: null });
    expectProblem(response, 400, 'validation_failed');
  });

  it('answers 404 to a Chambre admin acting on an organisation that does not exist', async () => {
    const response = await api()
      .post(`/api/organisations/${randomUUID()}/invitations`)
      .auth(admin.accessToken, bearer)
      .send({ email: 'tresorier@asso-exemple.fr' });
    expectProblem(response, 404, 'organisation_not_found');
  });

  it('checks the CSV profile id in the path like the one in the body', async () => {
    const response = await api()
      .put('/api/finance/csv-profiles/..%2F..%2Fetc%2Fpasswd')
      .auth(admin.accessToken, bearer)
      .send({
        id: 'ma-banque',
        name: 'Ma banque',
        delimiter: ';',
        encoding: 'utf-8',
        decimalSeparator: ',',
        dateFormat: 'dd/MM/yyyy',
        columns: { bookingDate: 'Date', label: 'Libellé', amount: 'Montant' },
      });
    expectProblem(response, 400, 'validation_failed');
    expect(response.body.errors[0].field).toBe('id');
  });

  it('answers a signed webhook body that is not a Stripe event with 400', async () => {
    for (const event of [[], { id: 12345, type: 'checkout.session.completed' }, { id: 'evt_1' }]) {
      const response = await deliverStripeEvent(app, event, { secret: WEBHOOK_SECRET });
      expectProblem(response, 400, 'malformed_webhook_event');
    }
  });
});
