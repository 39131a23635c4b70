import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import Stripe from 'stripe';
import { DataSource } from 'typeorm';
import { BookUseCase } from '@mutualis/booking';
import { Clock } from '@mutualis/core';
import {
  configureChambre,
  createTestContext,
  insertBooker,
  insertPublishedSession,
  StripeStandIn,
  TestBooker,
} from '@mutualis/testing';
import { PaymentsModule } from '../payments.module';
import { PaymentRepository } from '../repositories/payment.repository';
import { ApplyStripeEventUseCase } from '../use-cases/apply-stripe-event/apply-stripe-event.use-case';
import { CheckoutUseCase } from '../use-cases/checkout/checkout.use-case';
import { ReceiveStripeEventUseCase } from '../use-cases/receive-stripe-event/receive-stripe-event.use-case';
import { SettleRefundUseCase } from '../use-cases/settle-refund/settle-refund.use-case';
import { RefundService } from './refund.service';

const WEBHOOK_SECRET = 'whsec_refunddates';
const signer = new Stripe('sk_test_webhook_signer');

// The journal posts a refund on its completion date (docs/accounting-posting.md): Stripe's date
// for a card refund, the day finance marked a transfer made. Both were read from the machine's
// clock when the code ran, so a retried job or a test on its own clock dated them wrongly
// (found by the year simulation, test/accounting/year-simulation.e2e-spec.ts).
describe('refund completion dates', () => {
  let standIn: StripeStandIn;
  let context: INestApplicationContext;
  let db: DataSource;
  let booker: TestBooker;
  let storage: string;
  /** What the stand-in dates Stripe's objects with. */
  let stripeNow = new Date();

  beforeAll(async () => {
    standIn = await StripeStandIn.start({ now: () => stripeNow });
    storage = mkdtempSync(join(tmpdir(), 'mutualis-refund-dates-'));
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
    jest.restoreAllMocks();
    await context?.close();
    await standIn?.stop();
    rmSync(storage, { recursive: true, force: true });
  });

  /** A booking paid by card through Stripe: its id and its payment's. */
  async function paidByCard(): Promise<{ bookingId: string; paymentId: string }> {
    const { sessionId } = await insertPublishedSession(db, { capacity: 5 });
    const { body } = await context.get(BookUseCase).execute({
      actor: booker.actor,
      organisationId: booker.organisationId,
      sessionId,
      attendees: [{ name: 'Léa', email: `lea-${randomUUID()}@test.mutualis.fr` }],
    });
    await context.get(CheckoutUseCase).execute(booker.actor, body.id, 'card');
    const [{ id, checkout }] = await db.query<{ id: string; checkout: string }[]>(
      `SELECT id, stripe_checkout_session_id AS checkout FROM payments WHERE booking_id = $1`,
      [body.id],
    );
    const event = standIn.event(
      'checkout.session.completed',
      standIn.completeCheckoutSession(checkout, 'paid'),
    );
    const payload = JSON.stringify(event);
    await context
      .get(ReceiveStripeEventUseCase)
      .execute(
        Buffer.from(payload),
        signer.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }),
      );
    await context.get(ApplyStripeEventUseCase).execute(event.id as string);
    return { bookingId: body.id, paymentId: id };
  }

  async function refundOf(
    payment: { bookingId: string; paymentId: string },
    provider: 'stripe' | 'bank_transfer',
  ): Promise<string> {
    const refund = await context.get(PaymentRepository).createRefund(
      {
        paymentId: payment.paymentId,
        bookingId: payment.bookingId,
        amountCents: 1_000,
        provider,
        status: provider === 'stripe' ? 'pending' : 'instructed',
        reason: 'booking cancelled',
        source: `test:${randomUUID()}`,
      },
      db.manager,
    );
    return refund!.id;
  }

  const completedAt = async (refundId: string): Promise<Date> =>
    (
      await db.query<{ at: Date }[]>(`SELECT completed_at AS at FROM refunds WHERE id = $1`, [
        refundId,
      ])
    )[0].at;

  it('dates a card refund when Stripe made it, not when the job that sent it ran', async () => {
    const payment = await paidByCard();
    const refundId = await refundOf(payment, 'stripe');
    // Stripe refunded on the 10th of March; the job sending it (or its retry) runs today.
    stripeNow = new Date('2025-03-10T10:15:00Z');
    try {
      await context.get(RefundService).send(refundId);
    } finally {
      stripeNow = new Date();
    }
    expect(await completedAt(refundId)).toEqual(new Date('2025-03-10T10:15:00Z'));
  });

  it('dates a transfer refund finance marks made by the application’s clock', async () => {
    const payment = await paidByCard();
    const refundId = await refundOf(payment, 'bank_transfer');
    jest.spyOn(context.get(Clock), 'now').mockReturnValue(new Date('2025-04-02T08:30:00Z'));
    await db.transaction((manager) =>
      context.get(SettleRefundUseCase).execute(refundId, booker.actor.userId, manager),
    );
    expect(await completedAt(refundId)).toEqual(new Date('2025-04-02T08:30:00Z'));
  });
});
