import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import Stripe from 'stripe';
import { DataSource } from 'typeorm';
import { BookingEvents, BookUseCase, ExpireHoldUseCase } from '@mutualis/booking';
import {
  configureChambre,
  createTestContext,
  insertBooker,
  insertPublishedSession,
  StripeStandIn,
  TestBooker,
} from '@mutualis/testing';
import { PaymentsModule } from '../../payments.module';
import { CheckoutUseCase } from '../checkout/checkout.use-case';
import { ReceiveStripeEventUseCase } from '../receive-stripe-event/receive-stripe-event.use-case';
import { ApplyStripeEventUseCase } from './apply-stripe-event.use-case';
import { PaymentsEvents } from '../../payments.events';

const WEBHOOK_SECRET = 'whsec_intspecsecret';
// Signing needs no account: any key makes a client whose helper signs like Stripe does.
const signer = new Stripe('sk_test_webhook_signer');

describe('ApplyStripeEventUseCase', () => {
  let standIn: StripeStandIn;
  let context: INestApplicationContext;
  let db: DataSource;
  let booker: TestBooker;
  let storage: string;

  beforeAll(async () => {
    standIn = await StripeStandIn.start();
    storage = mkdtempSync(join(tmpdir(), 'mutualis-invoices-'));
    context = await createTestContext([PaymentsModule], {
      STRIPE_SECRET_KEY: 'sk_test_mutualis',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE: standIn.url,
      INVOICE_STORAGE_DIR: storage,
    });
    db = context.get(DataSource);
    await configureChambre(db);
    booker = await insertBooker(db);
  });

  afterAll(async () => {
    await context?.close();
    await standIn?.stop();
    rmSync(storage, { recursive: true, force: true });
  });

  /** The one call of the use case in this file. */
  const apply = (event: Record<string, unknown>) =>
    context.get(ApplyStripeEventUseCase).execute(event.id as string);

  /** Stores the event as the webhook does: signed on its exact bytes, kept once by id. */
  function receive(event: Record<string, unknown>) {
    const payload = JSON.stringify(event);
    const signature = signer.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
    return context.get(ReceiveStripeEventUseCase).execute(Buffer.from(payload), signature);
  }

  /** A booking awaiting payment with an open card checkout: its id and the checkout session's. */
  async function bookingInCheckout(): Promise<{ bookingId: string; checkoutId: string }> {
    const { sessionId } = await insertPublishedSession(db, { capacity: 5 });
    const { body } = await context.get(BookUseCase).execute({
      actor: booker.actor,
      organisationId: booker.organisationId,
      sessionId,
      attendees: [{ name: 'Léa', email: `lea-${randomUUID()}@test.mutualis.fr` }],
    });
    await context.get(CheckoutUseCase).execute(booker.actor, body.id, 'card');
    const [{ id }] = await db.query<{ id: string }[]>(
      `SELECT stripe_checkout_session_id AS id FROM payments WHERE booking_id = $1`,
      [body.id],
    );
    return { bookingId: body.id, checkoutId: id };
  }

  /** The booking's and its payment's statuses, and the events written about them. */
  async function state(bookingId: string) {
    const [row] = await db.query<
      { booking: string; payment: string; intent: string | null; refunds: number }[]
    >(
      `SELECT b.status AS booking, p.status AS payment, p.stripe_payment_intent_id AS intent,
              (SELECT count(*)::int FROM refunds r WHERE r.booking_id = b.id) AS refunds
         FROM bookings b JOIN payments p ON p.booking_id = b.id WHERE b.id = $1`,
      [bookingId],
    );
    const events = await db.query<{ type: string; n: number }[]>(
      `SELECT type, count(*)::int AS n FROM outbox_events
        WHERE (aggregate_id = $1 OR payload ->> 'bookingId' = $1::text)
          AND type = ANY($2)
        GROUP BY type`,
      [bookingId, [BookingEvents.Confirmed, PaymentsEvents.Succeeded, PaymentsEvents.LateRefunded]],
    );
    return { ...row, events: Object.fromEntries(events.map((event) => [event.type, event.n])) };
  }

  it('confirms the booking of a paid checkout, and applying the event again changes nothing', async () => {
    const { bookingId, checkoutId } = await bookingInCheckout();
    const paid = standIn.event(
      'checkout.session.completed',
      standIn.completeCheckoutSession(checkoutId, 'paid'),
    );
    await receive(paid);

    expect(await apply(paid)).toBe('confirmed');
    expect(await apply(paid)).toBe('confirmed');

    expect(await state(bookingId)).toEqual({
      booking: 'confirmed',
      payment: 'succeeded',
      intent: expect.stringMatching(/^pi_/),
      refunds: 0,
      events: { [BookingEvents.Confirmed]: 1, [PaymentsEvents.Succeeded]: 1 },
    });
    // The booking keeps what was paid: its invoice, issued next, says it is settled.
    const [confirmation] = await db.query<{ method: string; paid: string; total: string }[]>(
      `SELECT confirmation_method AS method, confirmation_paid_cents AS paid,
              total_incl_vat_cents AS total
         FROM bookings WHERE id = $1`,
      [bookingId],
    );
    expect(confirmation.method).toBe('card');
    expect(confirmation.paid).toBe(confirmation.total);
    // The charge's fee is read from Stripe after the commit, for the payments ledger.
    const [{ fee }] = await db.query<{ fee: string | null }[]>(
      `SELECT stripe_fee_cents AS fee FROM payments WHERE booking_id = $1`,
      [bookingId],
    );
    expect(Number(fee)).toBeGreaterThan(0);
  });

  it('reads the charge again when the event is retried after Stripe failed to answer it', async () => {
    const { bookingId, checkoutId } = await bookingInCheckout();
    const paid = standIn.event(
      'checkout.session.completed',
      standIn.completeCheckoutSession(checkoutId, 'paid'),
    );
    await receive(paid);
    // The change commits, then reading the charge fails: the job fails and is retried.
    standIn.failNext('/v1/payment_intents', 500, 3);
    await expect(apply(paid)).rejects.toThrow();
    const fee = async () =>
      (
        await db.query<{ fee: string | null }[]>(
          `SELECT stripe_fee_cents AS fee FROM payments WHERE booking_id = $1`,
          [bookingId],
        )
      )[0].fee;
    expect(await fee()).toBeNull();
    expect(await apply(paid)).toBe('confirmed');
    expect(Number(await fee())).toBeGreaterThan(0);
    expect((await state(bookingId)).events).toEqual({
      [BookingEvents.Confirmed]: 1,
      [PaymentsEvents.Succeeded]: 1,
    });
  });

  it('stores an event delivered twice once, and applies it once even when applied many times at once', async () => {
    const { bookingId, checkoutId } = await bookingInCheckout();
    const paid = standIn.event(
      'checkout.session.completed',
      standIn.completeCheckoutSession(checkoutId, 'paid'),
    );

    expect(await receive(paid)).toEqual({ received: true, duplicate: false });
    expect(await receive(paid)).toEqual({ received: true, duplicate: true });
    await Promise.all(Array.from({ length: 4 }, () => db.query(`SELECT pg_sleep(0.05)`)));
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => apply(paid)));

    expect(new Set(outcomes)).toEqual(new Set(['confirmed']));
    expect((await state(bookingId)).events).toEqual({
      [BookingEvents.Confirmed]: 1,
      [PaymentsEvents.Succeeded]: 1,
    });
  });

  it('answers unknown_event for an event never stored', async () => {
    expect(await apply({ id: `evt_${randomUUID()}` })).toBe('unknown_event');
  });

  it('ignores an `expired` that arrives after the checkout was paid', async () => {
    const { bookingId, checkoutId } = await bookingInCheckout();
    const session = standIn.completeCheckoutSession(checkoutId, 'paid');
    const paid = standIn.event('checkout.session.completed', session);
    const expired = standIn.event('checkout.session.expired', { ...session, status: 'expired' });
    await receive(paid);
    await receive(expired);

    expect(await apply(paid)).toBe('confirmed');
    expect(await apply(expired)).toBe('ignored');

    expect(await state(bookingId)).toMatchObject({ booking: 'confirmed', payment: 'succeeded' });
  });

  it('confirms a SEPA debit whose success arrives before its checkout’s completion, which is then ignored', async () => {
    const { bookingId, checkoutId } = await bookingInCheckout();
    const processing = standIn.event(
      'checkout.session.completed',
      standIn.completeCheckoutSession(checkoutId, 'unpaid_async'),
    );
    const succeeded = standIn.event(
      'checkout.session.async_payment_succeeded',
      standIn.completeCheckoutSession(checkoutId, 'paid'),
    );
    await receive(processing);
    await receive(succeeded);

    expect(await apply(succeeded)).toBe('confirmed');
    expect(await apply(processing)).toBe('ignored');

    expect(await state(bookingId)).toMatchObject({
      booking: 'confirmed',
      payment: 'succeeded',
      events: { [BookingEvents.Confirmed]: 1, [PaymentsEvents.Succeeded]: 1 },
    });
  });

  it('refunds a payment that arrives after the hold expired, and never confirms the booking', async () => {
    const { bookingId, checkoutId } = await bookingInCheckout();
    await db.query(
      `UPDATE bookings SET hold_expires_at = now() - interval '1 second' WHERE id = $1`,
      [bookingId],
    );
    expect(await context.get(ExpireHoldUseCase).execute(bookingId)).toBe('expired');
    const late = standIn.event(
      'checkout.session.completed',
      standIn.completeCheckoutSession(checkoutId, 'paid'),
    );
    await receive(late);

    expect(await apply(late)).toBe('refunded_late_payment');
    expect(await apply(late)).toBe('refunded_late_payment');

    expect(await state(bookingId)).toEqual({
      booking: 'expired',
      payment: 'refunded',
      intent: expect.stringMatching(/^pi_/),
      refunds: 1,
      events: { [PaymentsEvents.LateRefunded]: 1 },
    });
    const sent = standIn.requests.filter(
      (request) =>
        request.path === '/v1/refunds' &&
        (request.body.metadata as Record<string, string> | undefined)?.booking_id === bookingId,
    );
    expect(sent).toHaveLength(1);
  });
});
