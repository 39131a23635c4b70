import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  configureChambre,
  insertOrganisations,
  insertPublishedSession,
  StripeStandIn,
} from '@mutualis/testing';
import { registerAndLogIn, TestUser } from '../support/api-client';
import { eventually } from '../support/expectations';
import { deliverStripeEvent } from '../support/stripe-webhook';
import { startWorkerHarness, WorkerHarness } from '../support/worker-harness';

const WEBHOOK_SECRET = 'whsec_flow';

// The whole path of a card payment through the processes: Stripe's signed webhook is stored by
// the api, relayed by the worker's outbox to the payments queue, applied (the booking is
// confirmed), and the confirmation is invoiced by the invoicing queue — nothing in the request.
describe('a card payment through the worker', () => {
  let harness: WorkerHarness;
  let standIn: StripeStandIn;
  let app: NestExpressApplication;
  let db: DataSource;
  let storage: string;
  let member: TestUser;

  beforeAll(async () => {
    standIn = await StripeStandIn.start();
    storage = mkdtempSync(join(tmpdir(), 'mutualis-invoices-'));
    harness = await startWorkerHarness('payflow', {
      STRIPE_SECRET_KEY: 'sk_test_flow',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE: standIn.url,
      INVOICE_STORAGE_DIR: storage,
    });
    ({ app, db } = harness);
    await configureChambre(db);
    member = await registerAndLogIn(app, 'card-payer');
  });

  afterAll(async () => {
    await harness?.stop();
    await standIn?.stop();
    rmSync(storage, { recursive: true, force: true });
  });

  it('confirms and invoices the booking once Stripe says it is paid', async () => {
    const [organisationId] = await insertOrganisations(db, member.id, 1);
    const { sessionId } = await insertPublishedSession(db, { vatTreatment: 'standard' });
    const booked = await request(app.getHttpServer())
      .post('/api/bookings')
      .auth(member.accessToken, { type: 'bearer' })
      .send({
        organisationId,
        sessionId,
        attendees: [{ name: 'Yanis Morel', email: 'yanis@test.mutualis.fr' }],
      })
      .expect(201);
    await request(app.getHttpServer())
      .post(`/api/bookings/${booked.body.id}/checkout`)
      .auth(member.accessToken, { type: 'bearer' })
      .send({ method: 'card' })
      .expect(200);
    const [{ stripe_checkout_session_id: checkoutId }] = await db.query<
      { stripe_checkout_session_id: string }[]
    >(`SELECT stripe_checkout_session_id FROM payments WHERE booking_id = $1`, [booked.body.id]);

    await deliverStripeEvent(
      app,
      standIn.event(
        'checkout.session.completed',
        standIn.completeCheckoutSession(checkoutId, 'paid'),
      ),
      { secret: WEBHOOK_SECRET },
    ).expect(200, { received: true, duplicate: false });

    const invoice = await eventually(
      () =>
        db.query<{ status: string; number: string | null; booking_status: string }[]>(
          `SELECT i.status, i.number, b.status AS booking_status
             FROM bookings b LEFT JOIN invoices i ON i.booking_id = b.id AND i.type = 'invoice'
            WHERE b.id = $1`,
          [booked.body.id],
        ),
      (rows) => rows[0]?.number !== null && rows[0]?.number !== undefined,
      20_000,
    );
    expect(invoice[0]).toMatchObject({
      booking_status: 'confirmed',
      status: 'issued',
      number: expect.stringMatching(/^F-/),
    });
  });
});
