import Stripe from 'stripe';
import { StripeStandIn } from './stripe-stand-in';

const WEBHOOK_SECRET = 'whsec_stand_in_test_secret';

describe('StripeStandIn (driven by the real stripe client)', () => {
  let standIn: StripeStandIn;
  let stripe: Stripe;

  beforeAll(async () => {
    standIn = await StripeStandIn.start();
    stripe = new Stripe('sk_test_stand_in', {
      host: '127.0.0.1',
      port: standIn.port,
      protocol: 'http',
      maxNetworkRetries: 0,
      telemetry: false,
    });
  });

  afterAll(() => standIn.stop());

  const sessionParams = (bookingId: string): Stripe.Checkout.SessionCreateParams => ({
    mode: 'payment',
    line_items: [
      {
        quantity: 2,
        price_data: { currency: 'eur', unit_amount: 6_000, product_data: { name: 'Seat' } },
      },
      {
        quantity: 1,
        price_data: { currency: 'eur', unit_amount: 1_500, product_data: { name: 'Lunch' } },
      },
    ],
    metadata: { booking_id: bookingId },
    client_reference_id: bookingId,
    expires_at: Math.floor(Date.now() / 1000) + 3600,
    allowed_payment_method_types: ['card', 'sepa_debit'],
    success_url: 'https://mutualis.test/paid',
    cancel_url: 'https://mutualis.test/cancelled',
    payment_intent_data: { metadata: { booking_id: bookingId } },
  });

  /** A session, paid; returns the session and its payment intent id. */
  async function paidSession(bookingId: string) {
    const session = await stripe.checkout.sessions.create(sessionParams(bookingId));
    standIn.completeCheckoutSession(session.id, 'paid');
    const paid = await stripe.checkout.sessions.retrieve(session.id);
    return { session: paid, paymentIntentId: paid.payment_intent as string };
  }

  it('points the client with the options clientConfig() gives', () => {
    expect(standIn.url).toBe(`http://127.0.0.1:${standIn.port}`);
    expect(standIn.clientConfig()).toEqual({
      host: '127.0.0.1',
      port: standIn.port,
      protocol: 'http',
      maxNetworkRetries: 0,
      telemetry: false,
    });
  });

  it('creates a checkout session once per idempotency key, in Stripe’s shape', async () => {
    const params = sessionParams('booking-1');
    const first = await stripe.checkout.sessions.create(params, { idempotencyKey: 'booking-1' });
    const again = await stripe.checkout.sessions.create(params, { idempotencyKey: 'booking-1' });

    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(first.id).toMatch(/^cs_test_[A-Za-z0-9]{58}$/);
    expect(first).toMatchObject({
      object: 'checkout.session',
      url: `https://checkout.stripe.com/c/pay/${first.id}`,
      mode: 'payment',
      status: 'open',
      payment_status: 'unpaid',
      amount_total: 13_500,
      amount_subtotal: 13_500,
      currency: 'eur',
      metadata: { booking_id: 'booking-1' },
      client_reference_id: 'booking-1',
      expires_at: params.expires_at,
      allowed_payment_method_types: ['card', 'sepa_debit'],
      payment_method_types: ['card', 'sepa_debit'],
      ui_mode: 'hosted_page',
      client_secret: null,
      success_url: 'https://mutualis.test/paid',
      cancel_url: 'https://mutualis.test/cancelled',
      payment_intent: null,
      livemode: false,
    });
    // The rest of the body is Stripe's example object.
    expect(first).toHaveProperty('payment_method_options');
    expect(first).toHaveProperty('phone_number_collection', { enabled: false });

    const creations = standIn.requests.filter(
      (request) => request.method === 'POST' && request.path === '/v1/checkout/sessions',
    );
    expect(creations).toHaveLength(2);
    expect(creations[0]).toMatchObject({
      idempotencyKey: 'booking-1',
      body: {
        mode: 'payment',
        metadata: { booking_id: 'booking-1' },
        line_items: [
          { quantity: '2', price_data: { currency: 'eur', unit_amount: '6000' } },
          { quantity: '1', price_data: { unit_amount: '1500' } },
        ],
        allowed_payment_method_types: ['card', 'sepa_debit'],
      },
    });
    expect(standIn.checkoutSession(first.id)).toMatchObject({ id: first.id, status: 'open' });
  });

  it('answers an idempotency error when a key is reused with other parameters', async () => {
    await stripe.checkout.sessions.create(sessionParams('booking-2'), { idempotencyKey: 'key-2' });
    const reused = stripe.checkout.sessions.create(sessionParams('booking-other'), {
      idempotencyKey: 'key-2',
    });
    await expect(reused).rejects.toBeInstanceOf(stripe.errors.StripeIdempotencyError);
    await expect(reused).rejects.toMatchObject({ statusCode: 400, rawType: 'idempotency_error' });
  });

  it('refuses payment_method_types, which API 2026-09-30 replaced by allowed_payment_method_types', async () => {
    const legacy = { ...sessionParams('booking-legacy'), payment_method_types: ['card'] };
    await expect(
      stripe.checkout.sessions.create(legacy as Stripe.Checkout.SessionCreateParams),
    ).rejects.toMatchObject({ statusCode: 400, param: 'payment_method_types' });
  });

  it('retrieves a session, and answers 404 resource_missing for an unknown one', async () => {
    const created = await stripe.checkout.sessions.create(sessionParams('booking-3'));
    const retrieved = await stripe.checkout.sessions.retrieve(created.id);
    expect(retrieved.id).toBe(created.id);
    expect(retrieved.amount_total).toBe(13_500);

    const unknown = stripe.checkout.sessions.retrieve('cs_test_unknown');
    await expect(unknown).rejects.toBeInstanceOf(stripe.errors.StripeInvalidRequestError);
    await expect(unknown).rejects.toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
      message: "No such checkout.session: 'cs_test_unknown'",
    });
  });

  it('completes a paid session: a succeeded payment intent with its charge', async () => {
    const created = await stripe.checkout.sessions.create(sessionParams('booking-4'));
    const completed = standIn.completeCheckoutSession(created.id, 'paid');
    expect(completed).toMatchObject({ status: 'complete', payment_status: 'paid' });
    expect(completed.payment_intent).toMatch(/^pi_/);

    const session = await stripe.checkout.sessions.retrieve(created.id);
    expect(session).toMatchObject({
      status: 'complete',
      payment_status: 'paid',
      payment_intent: completed.payment_intent,
    });

    const intent = await stripe.paymentIntents.retrieve(session.payment_intent as string);
    expect(intent).toMatchObject({
      object: 'payment_intent',
      amount: 13_500,
      amount_received: 13_500,
      currency: 'eur',
      status: 'succeeded',
      metadata: { booking_id: 'booking-4' },
    });
    expect(intent.latest_charge).toMatch(/^ch_/);

    const expanded = await stripe.paymentIntents.retrieve(intent.id, { expand: ['latest_charge'] });
    expect(expanded.latest_charge).toMatchObject({
      id: intent.latest_charge,
      object: 'charge',
      amount: 13_500,
      paid: true,
      payment_intent: intent.id,
    });
  });

  it('refunds part of a payment, refuses more than is left, refunds the rest by default', async () => {
    const { paymentIntentId } = await paidSession('booking-5');

    const part = await stripe.refunds.create(
      { payment_intent: paymentIntentId, amount: 5_000, metadata: { reason_code: 'late' } },
      { idempotencyKey: 'refund-booking-5' },
    );
    expect(part.id).toMatch(/^re_/);
    expect(part).toMatchObject({
      object: 'refund',
      amount: 5_000,
      payment_intent: paymentIntentId,
      status: 'succeeded',
      currency: 'eur',
      metadata: { reason_code: 'late' },
      reason: null,
    });
    expect(part.charge).toMatch(/^ch_/);

    const tooMuch = stripe.refunds.create({ payment_intent: paymentIntentId, amount: 9_000 });
    await expect(tooMuch).rejects.toBeInstanceOf(stripe.errors.StripeInvalidRequestError);
    await expect(tooMuch).rejects.toMatchObject({
      statusCode: 400,
      param: 'amount',
      message: 'Refund amount (€90.00) is greater than unrefunded amount on charge (€85.00)',
    });

    const rest = await stripe.refunds.create({
      payment_intent: paymentIntentId,
      reason: 'requested_by_customer',
    });
    expect(rest).toMatchObject({ amount: 8_500, reason: 'requested_by_customer' });
    expect(standIn.charge(part.charge as string)).toMatchObject({
      amount_refunded: 13_500,
      refunded: true,
    });

    await expect(stripe.refunds.create({ payment_intent: paymentIntentId })).rejects.toMatchObject({
      statusCode: 400,
      code: 'charge_already_refunded',
    });
  });

  it('lists balance transactions, and those of a payout', async () => {
    const { paymentIntentId } = await paidSession('booking-6');
    const intent = await stripe.paymentIntents.retrieve(paymentIntentId);
    const refund = await stripe.refunds.create({ payment_intent: paymentIntentId, amount: 500 });

    const list = await stripe.balanceTransactions.list({ limit: 100 });
    expect(list).toMatchObject({
      object: 'list',
      has_more: false,
      url: '/v1/balance_transactions',
    });
    const charge = list.data.find((transaction) => transaction.source === intent.latest_charge);
    expect(charge).toMatchObject({
      object: 'balance_transaction',
      type: 'charge',
      amount: 13_500,
      fee: 228, // 1.5 % + 25
      net: 13_272,
      currency: 'eur',
    });
    expect(list.data.find((transaction) => transaction.source === refund.id)).toMatchObject({
      type: 'refund',
      amount: -500,
      fee: 0,
      net: -500,
    });
    expect(await stripe.balanceTransactions.retrieve(charge!.id)).toMatchObject({
      id: charge!.id,
      source: intent.latest_charge,
    });

    const payout = standIn.createPayout();
    const expected = list.data.reduce((sum, transaction) => sum + transaction.net, 0);
    expect(payout).toMatchObject({ object: 'payout', status: 'paid', amount: expected });
    expect(await stripe.payouts.retrieve(payout.id as string)).toMatchObject({
      id: payout.id,
      amount: expected,
      arrival_date: payout.arrival_date,
      status: 'paid',
    });

    const paidOut = await stripe.balanceTransactions.list({
      payout: payout.id as string,
      type: 'charge',
      expand: ['data.source'],
      limit: 100,
    });
    expect(paidOut.data.length).toBeGreaterThan(0);
    expect(paidOut.data.every((transaction) => transaction.type === 'charge')).toBe(true);
    expect(paidOut.data.find((transaction) => transaction.id === charge!.id)?.source).toMatchObject(
      { object: 'charge', payment_intent: paymentIntentId },
    );
  });

  it('builds webhook events that stripe.webhooks.constructEvent accepts', async () => {
    const created = await stripe.checkout.sessions.create(sessionParams('booking-7'));
    const session = standIn.completeCheckoutSession(created.id, 'paid');
    const event = standIn.event('checkout.session.completed', session);
    expect(event).toMatchObject({
      object: 'event',
      type: 'checkout.session.completed',
      livemode: false,
      api_version: stripe.getApiField('version'),
      data: { object: { id: created.id, payment_status: 'paid' } },
      request: { id: null, idempotency_key: null },
    });
    expect(event.id).toMatch(/^evt_/);

    const payload = JSON.stringify(event);
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
    const received = stripe.webhooks.constructEvent(payload, header, WEBHOOK_SECRET);
    expect(received.type).toBe('checkout.session.completed');
    expect((received.data.object as Stripe.Checkout.Session).id).toBe(created.id);

    // An object from the client keeps its shape, without its lastResponse.
    const expired = standIn.event('checkout.session.expired', created, { pending_webhooks: 0 });
    expect(expired).toMatchObject({ pending_webhooks: 0, data: { object: { id: created.id } } });
    expect(expired.data).not.toHaveProperty('object.lastResponse');
  });

  it('settles asynchronous payments and expires open sessions', async () => {
    const created = await stripe.checkout.sessions.create(sessionParams('booking-8'));
    const pending = standIn.completeCheckoutSession(created.id, 'unpaid_async');
    expect(pending).toMatchObject({ status: 'complete', payment_status: 'unpaid' });
    expect(await stripe.paymentIntents.retrieve(pending.payment_intent as string)).toMatchObject({
      status: 'processing',
      latest_charge: null,
    });
    expect(standIn.completeCheckoutSession(created.id, 'paid')).toMatchObject({
      payment_status: 'paid',
      payment_intent: pending.payment_intent,
    });
    expect(() => standIn.completeCheckoutSession(created.id, 'expired')).toThrow(/complete\/paid/);

    const open = await stripe.checkout.sessions.create(sessionParams('booking-9'));
    expect(await stripe.checkout.sessions.expire(open.id)).toMatchObject({ status: 'expired' });
    await expect(stripe.checkout.sessions.expire(open.id)).rejects.toMatchObject({
      statusCode: 400,
    });

    const abandoned = await stripe.checkout.sessions.create(sessionParams('booking-10'));
    expect(standIn.completeCheckoutSession(abandoned.id, 'expired')).toMatchObject({
      status: 'expired',
      payment_status: 'unpaid',
      payment_intent: null,
    });
  });

  it('fails the next requests to a path on demand, then answers again', async () => {
    standIn.failNext('/v1/checkout/sessions', 503, 2);
    const params = sessionParams('booking-11');
    for (let attempt = 0; attempt < 2; attempt++) {
      const failed = stripe.checkout.sessions.create(params, { idempotencyKey: 'booking-11' });
      await expect(failed).rejects.toBeInstanceOf(stripe.errors.StripeAPIError);
      await expect(failed).rejects.toMatchObject({ statusCode: 503, rawType: 'api_error' });
    }
    const created = await stripe.checkout.sessions.create(params, { idempotencyKey: 'booking-11' });
    expect(created.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    expect(created.status).toBe('open');
  });

  it('answers 404 for what it does not serve, and 401 without a test key', async () => {
    await expect(stripe.customers.create({ email: 'a@b.test' })).rejects.toMatchObject({
      statusCode: 404,
      type: 'StripeInvalidRequestError',
      message: expect.stringContaining('Unrecognized request URL (POST: /v1/customers)'),
    });
    const live = new Stripe('sk_live_nope', standIn.clientConfig());
    await expect(live.paymentIntents.retrieve('pi_x')).rejects.toBeInstanceOf(
      stripe.errors.StripeAuthenticationError,
    );
  });
});
