import { NestExpressApplication } from '@nestjs/platform-express';
import Stripe from 'stripe';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ExpireHoldUseCase } from '@mutualis/booking';
import { ApplyStripeEventUseCase, RefundCancellationUseCase } from '@mutualis/payments';
import {
  configureChambre,
  DAY_MS,
  insertOrganisations,
  insertPublishedSession,
  StripeStandIn,
} from '@mutualis/testing';

const WEBHOOK_SECRET = 'whsec_testsecret';

import { grantPlatformRoles, registerAndLogIn, TestUser } from '../support/api-client';
import { createTestApp, sql } from '../support/test-app';
import { deliverStripeEvent } from '../support/stripe-webhook';
// Payments against a local stand-in of Stripe's API, driven by the real `stripe` client, with
// webhooks signed by stripe's own test helper. Events are applied by the use case the worker runs.
describe('payments', () => {
  let standIn: StripeStandIn;
  let app: NestExpressApplication;
  let db: DataSource;
  let stripe: Stripe;
  let member: TestUser;
  let organisationId: string;
  let lapsedOrganisationId: string;

  beforeAll(async () => {
    standIn = await StripeStandIn.start();
    app = await createTestApp({
      STRIPE_SECRET_KEY: 'sk_test_mutualis',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE: standIn.url,
    });
    db = app.get(DataSource);
    await configureChambre(db);
    stripe = new Stripe('sk_test_mutualis', standIn.clientConfig());
    member = await registerAndLogIn(app, 'payer');
    [organisationId] = await insertOrganisations(db, member.id, 1, 'active');
    [lapsedOrganisationId] = await insertOrganisations(db, member.id, 1, 'lapsed');
  });

  afterAll(async () => {
    await app.close();
    await standIn.stop();
  });

  const api = () => request(app.getHttpServer());

  async function book(
    options: { organisation?: string; startsInMs?: number } = {},
  ): Promise<string> {
    const { sessionId } = await insertPublishedSession(db, {
      capacity: 5,
      startsInMs: options.startsInMs,
      vatTreatment: 'standard',
    });
    const booked = await api()
      .post('/api/bookings')
      .auth(member.accessToken, { type: 'bearer' })
      .send({
        organisationId: options.organisation ?? organisationId,
        sessionId,
        attendees: [{ name: 'Léa', email: 'lea@test.mutualis.fr' }],
      })
      .expect(201);
    return booked.body.id as string;
  }

  async function cardCheckout(bookingId: string): Promise<string> {
    const response = await api()
      .post(`/api/bookings/${bookingId}/checkout`)
      .auth(member.accessToken, { type: 'bearer' })
      .send({ method: 'card' })
      .expect(200);
    const [{ stripe_checkout_session_id: sessionId }] = await db.query<
      { stripe_checkout_session_id: string }[]
    >(
      `SELECT stripe_checkout_session_id FROM payments WHERE booking_id = $1 AND provider = 'stripe'`,
      [bookingId],
    );
    expect(response.body.checkoutUrl).toContain(sessionId);
    return sessionId;
  }

  const deliver = (
    event: Record<string, unknown>,
    options: { secret?: string; timestamp?: number } = {},
  ) =>
    deliverStripeEvent(app, event, {
      secret: options.secret ?? WEBHOOK_SECRET,
      timestamp: options.timestamp,
    });

  const apply = (event: Record<string, unknown>) =>
    app.get(ApplyStripeEventUseCase).execute(event.id as string);
  const statusOf = async (bookingId: string) =>
    (
      await db.query<{ status: string }[]>(`SELECT status FROM bookings WHERE id = $1`, [bookingId])
    )[0].status;
  const confirmations = async (bookingId: string) =>
    (
      await db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM outbox_events WHERE aggregate_id = $1 AND type = 'booking.confirmed'`,
        [bookingId],
      )
    )[0].n;

  it('creates a Stripe Checkout session for the booking, with an idempotency key and an expiry within the hold', async () => {
    const bookingId = await book();
    const sessionId = await cardCheckout(bookingId);
    const created = standIn.requests.find(
      (entry) =>
        entry.method === 'POST' &&
        entry.path === '/v1/checkout/sessions' &&
        (entry.body.metadata as Record<string, string>)?.booking_id === bookingId,
    )!;
    expect(created.idempotencyKey).toMatch(/^checkout-/);
    expect(created.body.metadata).toMatchObject({
      booking_id: bookingId,
      organisation_id: organisationId,
    });
    const [booking] = await db.query<{ hold_expires_at: Date; total_incl_vat_cents: string }[]>(
      `SELECT hold_expires_at, total_incl_vat_cents FROM bookings WHERE id = $1`,
      [bookingId],
    );
    expect(Number(created.body.expires_at) * 1000).toBeLessThanOrEqual(
      booking.hold_expires_at.getTime(),
    );
    expect(standIn.checkoutSession(sessionId)).toMatchObject({
      amount_total: Number(booking.total_incl_vat_cents),
      currency: 'eur',
    });
    // Asking again hands back the same open page.
    const again = await api()
      .post(`/api/bookings/${bookingId}/checkout`)
      .auth(member.accessToken, { type: 'bearer' })
      .send({ method: 'card' })
      .expect(200);
    expect(again.body.checkoutUrl).toContain(sessionId);
  });

  it('confirms a booking exactly once when its paid checkout arrives, even delivered twice and 20 times at once', async () => {
    const bookingId = await book();
    const sessionId = await cardCheckout(bookingId);
    const event = standIn.event(
      'checkout.session.completed',
      standIn.completeCheckoutSession(sessionId, 'paid'),
    );

    const deliveries = await Promise.all(Array.from({ length: 20 }, () => deliver(event)));
    expect(deliveries.every((response) => response.status === 200)).toBe(true);
    expect(deliveries.filter((response) => response.body.duplicate === false)).toHaveLength(1);
    await deliver(event).expect(200, { received: true, duplicate: true });

    expect(await Promise.all(Array.from({ length: 5 }, () => apply(event)))).toContain('confirmed');
    expect(await statusOf(bookingId)).toBe('confirmed');
    expect(await confirmations(bookingId)).toBe(1);
    const [payment] = await db.query<{ status: string; stripe_payment_intent_id: string }[]>(
      `SELECT status, stripe_payment_intent_id FROM payments WHERE booking_id = $1`,
      [bookingId],
    );
    expect(payment).toMatchObject({
      status: 'succeeded',
      stripe_payment_intent_id: expect.stringMatching(/^pi_/),
    });
  });

  it('ignores an `expired` that arrives after `completed`', async () => {
    const bookingId = await book();
    const sessionId = await cardCheckout(bookingId);
    const paid = standIn.completeCheckoutSession(sessionId, 'paid');
    await deliver(standIn.event('checkout.session.completed', paid)).expect(200);
    const expired = standIn.event('checkout.session.expired', { ...paid, status: 'expired' });
    await deliver(expired).expect(200);
    const [completedEvent] = await db.query<{ id: string }[]>(
      `SELECT id FROM stripe_events WHERE payload->'data'->'object'->>'id' = $1 AND type = 'checkout.session.completed'`,
      [sessionId],
    );
    await app.get(ApplyStripeEventUseCase).execute(completedEvent.id);
    expect(await apply(expired)).toBe('ignored');
    expect(await statusOf(bookingId)).toBe('confirmed');
  });

  it('releases the seats when a SEPA debit fails', async () => {
    const bookingId = await book();
    const sessionId = await cardCheckout(bookingId);
    const pending = standIn.completeCheckoutSession(sessionId, 'unpaid_async');
    await deliver(standIn.event('checkout.session.completed', pending)).expect(200);
    const failed = standIn.event(
      'checkout.session.async_payment_failed',
      standIn.completeCheckoutSession(sessionId, 'async_failed'),
    );
    await deliver(failed).expect(200);
    const [{ session_id: sessionRow }] = await db.query<{ session_id: string }[]>(
      `SELECT session_id FROM bookings WHERE id = $1`,
      [bookingId],
    );
    expect(await apply(failed)).toBe('failed');
    expect(await statusOf(bookingId)).toBe('expired');
    const [seats] = await db.query<{ seats_taken: number }[]>(
      `SELECT seats_taken FROM sessions WHERE id = $1`,
      [sessionRow],
    );
    expect(seats.seats_taken).toBe(0);
  });

  it('refunds a payment that arrives after the hold expired, and never confirms the booking', async () => {
    const bookingId = await book();
    const sessionId = await cardCheckout(bookingId);
    await sql(
      app,
      `UPDATE bookings SET hold_expires_at = now() - interval '1 second' WHERE id = $1`,
      [bookingId],
    );
    expect(await app.get(ExpireHoldUseCase).execute(bookingId)).toBe('expired');

    const late = standIn.event(
      'checkout.session.completed',
      standIn.completeCheckoutSession(sessionId, 'paid'),
    );
    await deliver(late).expect(200);
    expect(await apply(late)).toBe('refunded_late_payment');
    expect(await statusOf(bookingId)).toBe('expired');
    const refundCall = standIn.requests.filter(
      (entry) =>
        entry.path === '/v1/refunds' &&
        (entry.body.metadata as Record<string, string>)?.booking_id === bookingId,
    );
    expect(refundCall).toHaveLength(1);
    const [payment] = await db.query<{ status: string }[]>(
      `SELECT status FROM payments WHERE booking_id = $1`,
      [bookingId],
    );
    expect(payment.status).toBe('refunded');
    const [told] = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM outbox_events WHERE type = 'payment.late-refunded' AND payload->>'bookingId' = $1`,
      [bookingId],
    );
    expect(told.n).toBe(1);
  });

  it('refunds half through Stripe when a paid booking is cancelled ten days before', async () => {
    const bookingId = await book({ startsInMs: 10 * DAY_MS });
    const sessionId = await cardCheckout(bookingId);
    const paid = standIn.event(
      'checkout.session.completed',
      standIn.completeCheckoutSession(sessionId, 'paid'),
    );
    await deliver(paid).expect(200);
    await apply(paid);
    const cancelled = await api()
      .post(`/api/bookings/${bookingId}/cancel`)
      .auth(member.accessToken, { type: 'bearer' })
      .send({})
      .expect(200);
    expect(cancelled.body.refund.percent).toBe(50);
    const [event] = await db.query<{ id: string }[]>(
      `SELECT id FROM outbox_events WHERE aggregate_id = $1 AND type = 'booking.cancelled'`,
      [bookingId],
    );
    const refunds = app.get(RefundCancellationUseCase);
    expect(await refunds.execute(event.id, bookingId, cancelled.body.refund.amountCents)).toBe(
      'refunded',
    );
    expect(await refunds.execute(event.id, bookingId, cancelled.body.refund.amountCents)).toBe(
      'nothing_paid_or_already_refunded',
    );
    const sent = standIn.requests.filter(
      (entry) =>
        entry.path === '/v1/refunds' &&
        (entry.body.metadata as Record<string, string>)?.booking_id === bookingId,
    );
    expect(sent.map((entry) => Number(entry.body.amount))).toEqual([
      cancelled.body.refund.amountCents,
    ]);
    const [payment] = await db.query<{ status: string; amount_refunded_cents: string }[]>(
      `SELECT status, amount_refunded_cents FROM payments WHERE booking_id = $1`,
      [bookingId],
    );
    expect(payment).toMatchObject({ status: 'partially_refunded' });
    expect(Number(payment.amount_refunded_cents)).toBe(cancelled.body.refund.amountCents);
  });

  it('answers 400 and stores nothing for a bad signature, a stale timestamp or a malformed body', async () => {
    const event = standIn.event('checkout.session.completed', {
      id: 'cs_test_forged',
      object: 'checkout.session',
      payment_status: 'paid',
    });
    const count = async () =>
      (
        await db.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM stripe_events WHERE id = $1`,
          [event.id],
        )
      )[0].n;
    const wrong = await deliver(event, { secret: 'whsec_wrong' }).expect(400);
    expect(wrong.body.code).toBe('invalid_webhook_signature');
    await deliver(event, { timestamp: Math.floor(Date.now() / 1000) - 3600 }).expect(400);
    await api()
      .post('/api/webhooks/stripe')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(event))
      .expect(400);
    const signature = stripe.webhooks.generateTestHeaderString({
      payload: '{"id": "evt_',
      secret: WEBHOOK_SECRET,
    });
    await api()
      .post('/api/webhooks/stripe')
      .set('Content-Type', 'application/json')
      .set('Stripe-Signature', signature)
      .send('{"id": "evt_')
      .expect(400);
    expect(await count()).toBe(0);
  });

  it('lets members and public bodies pay by transfer, with the invoice’s RF reference at once, and tells others why not', async () => {
    const refused = await api()
      .post(`/api/bookings/${await book({ organisation: lapsedOrganisationId })}/checkout`)
      .auth(member.accessToken, { type: 'bearer' })
      .send({ method: 'bank_transfer' })
      .expect(422);
    expect(refused.body).toMatchObject({ code: 'bank_transfer_not_allowed' });
    expect(refused.body.detail).toMatch(/membership/);

    const bookingId = await book();
    const accepted = await api()
      .post(`/api/bookings/${bookingId}/checkout`)
      .auth(member.accessToken, { type: 'bearer' })
      .send({ method: 'bank_transfer' })
      .expect(200);
    expect(accepted.body).toEqual({
      invoiceId: expect.any(String),
      paymentReference: expect.stringMatching(/^RF\d{2}/),
    });
    expect(await statusOf(bookingId)).toBe('confirmed');
    await api()
      .post(`/api/bookings/${bookingId}/checkout`)
      .auth(member.accessToken, { type: 'bearer' })
      .send({ method: 'bank_transfer' })
      .expect(409);
  });

  it('lists transfers to pay back to members who paid by transfer and cancelled, until finance marks them paid', async () => {
    const finance = await registerAndLogIn(app, 'refund-finance');
    await grantPlatformRoles(app, finance, ['finance']);
    const bookingId = await book({ startsInMs: 30 * DAY_MS });
    await api()
      .post(`/api/bookings/${bookingId}/checkout`)
      .auth(member.accessToken, { type: 'bearer' })
      .send({ method: 'bank_transfer' })
      .expect(200);
    // The transfer arrived (reconciliation's work, done by hand here).
    await sql(app, `UPDATE payments SET status = 'succeeded' WHERE booking_id = $1`, [bookingId]);
    const cancelled = await api()
      .post(`/api/bookings/${bookingId}/cancel`)
      .auth(member.accessToken, { type: 'bearer' })
      .send({})
      .expect(200);
    const [event] = await db.query<{ id: string }[]>(
      `SELECT id FROM outbox_events WHERE aggregate_id = $1 AND type = 'booking.cancelled'`,
      [bookingId],
    );
    expect(
      await app
        .get(RefundCancellationUseCase)
        .execute(event.id, bookingId, cancelled.body.refund.amountCents),
    ).toBe('instructed');

    await api()
      .get('/api/finance/refund-instructions')
      .auth(member.accessToken, { type: 'bearer' })
      .expect(403);
    const listed = await api()
      .get('/api/finance/refund-instructions')
      .auth(finance.accessToken, { type: 'bearer' })
      .expect(200);
    const instruction = listed.body.find(
      (item: { bookingId: string }) => item.bookingId === bookingId,
    );
    expect(instruction).toMatchObject({
      amountCents: cancelled.body.refund.amountCents,
      status: 'instructed',
    });
    await api()
      .post(`/api/finance/refund-instructions/${instruction.id}/done`)
      .auth(finance.accessToken, { type: 'bearer' })
      .expect(200);
    await api()
      .post(`/api/finance/refund-instructions/${instruction.id}/done`)
      .auth(finance.accessToken, { type: 'bearer' })
      .expect(409);
    const after = await api()
      .get('/api/finance/refund-instructions')
      .auth(finance.accessToken, { type: 'bearer' })
      .expect(200);
    expect(after.body.some((item: { id: string }) => item.id === instruction.id)).toBe(false);
  });
});
