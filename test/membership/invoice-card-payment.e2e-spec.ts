import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Clock } from '@mutualis/core';
import { IssueMembershipInvoiceUseCase } from '@mutualis/invoicing';
import { configureChambre, insertOrganisations, StripeStandIn } from '@mutualis/testing';
import { registerAndLogIn, TestUser, userWithRoles } from '../support/api-client';
import { eventually, expectProblem, expectStatus } from '../support/expectations';
import { startInProcessWorker } from '../support/in-process-worker';
import { IsolatedEnvironment, isolatedEnvironment } from '../support/isolated-environment';
import { deliverStripeEvent } from '../support/stripe-webhook';
import { createTestApp } from '../support/test-app';

const WEBHOOK_SECRET = 'whsec_membership';
const YEAR = new Date().getFullYear() + 1;

/**
 * A membership invoice paid by card from the invoice itself, through the real api and worker
 * (outbox relay, BullMQ on Redis) against the Stripe stand-in: Checkout, a signed webhook, the
 * payment recorded against the invoice, which becomes paid and says which membership it bills.
 */
describe('paying an issued invoice by card (a cotisation)', () => {
  let environment: IsolatedEnvironment;
  let standIn: StripeStandIn;
  let app: NestExpressApplication;
  let worker: INestApplication;
  let db: DataSource;
  let storage: string;
  let member: TestUser;
  let organisationId: string;

  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    standIn = await StripeStandIn.start();
    environment = await isolatedEnvironment('membership_card');
    storage = mkdtempSync(join(tmpdir(), 'mutualis-membership-card-'));
    const env = {
      ...environment.env,
      OUTBOX_POLL_MS: '50',
      INVOICE_STORAGE_DIR: storage,
      STRIPE_SECRET_KEY: 'sk_test_mutualis',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE: standIn.url,
    };
    app = await createTestApp(env);
    db = app.get(DataSource);
    await configureChambre(db);
    worker = await startInProcessWorker(env, new Clock());
    member = await registerAndLogIn(app, 'cotisant');
    [organisationId] = await insertOrganisations(db, member.id, 1, 'pending');
  });

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await environment?.drop();
    await standIn?.stop();
    rmSync(storage, { recursive: true, force: true });
  });

  /** Issues the membership invoice of an organisation's next year, as approval or a campaign does. */
  async function membershipInvoice(
    organisation: string,
  ): Promise<{ invoiceId: string; membershipId: string }> {
    const [{ id: membershipId }] = await db.query<{ id: string }[]>(
      `SELECT id FROM memberships WHERE organisation_id = $1 AND year = $2`,
      [organisation, YEAR],
    );
    const { outcome, invoiceId } = await app.get(IssueMembershipInvoiceUseCase).execute({
      membershipId,
      organisationId: organisation,
      year: YEAR,
      description: `Cotisation ${YEAR} — coopérative, 1 à 9 salariés`,
      amountCents: 30_000,
      vatTreatment: 'out_of_scope',
    });
    expect(outcome).toBe('issued');
    return { invoiceId, membershipId };
  }

  const checkout = (invoiceId: string, user: TestUser = member) =>
    api()
      .post(`/api/invoices/${invoiceId}/checkout`)
      .auth(user.accessToken, { type: 'bearer' })
      .send({ method: 'card' });

  const invoiceRow = async (invoiceId: string) =>
    (
      await db.query<{ status: string; amount_paid_cents: string }[]>(
        `SELECT status, amount_paid_cents FROM invoices WHERE id = $1`,
        [invoiceId],
      )
    )[0];

  it('pays the invoice on Stripe Checkout; once Stripe says paid, the invoice is paid and the event names its membership', async () => {
    const { invoiceId, membershipId } = await membershipInvoice(organisationId);

    const first = await checkout(invoiceId);
    expectStatus(first, 200);
    const [payment] = await db.query<
      {
        id: string;
        booking_id: string | null;
        stripe_checkout_session_id: string;
        amount_cents: string;
      }[]
    >(
      `SELECT id, booking_id, stripe_checkout_session_id, amount_cents FROM payments WHERE invoice_id = $1`,
      [invoiceId],
    );
    expect(payment).toMatchObject({ booking_id: null, amount_cents: '30000' });
    expect(first.body.checkoutUrl).toContain(payment.stripe_checkout_session_id);
    expect(standIn.checkoutSession(payment.stripe_checkout_session_id)).toMatchObject({
      amount_total: 30_000,
      currency: 'eur',
      metadata: { invoice_id: invoiceId, organisation_id: organisationId },
    });
    // Asked again while the page is open: the same page, no second attempt.
    const again = await checkout(invoiceId);
    expectStatus(again, 200);
    expect(again.body.checkoutUrl).toBe(first.body.checkoutUrl);
    const [{ attempts }] = await db.query<{ attempts: number }[]>(
      `SELECT count(*)::int AS attempts FROM payments WHERE invoice_id = $1`,
      [invoiceId],
    );
    expect(attempts).toBe(1);

    const paid = standIn.event(
      'checkout.session.completed',
      standIn.completeCheckoutSession(payment.stripe_checkout_session_id, 'paid'),
    );
    const delivered = await deliverStripeEvent(app, paid, { secret: WEBHOOK_SECRET });
    expectStatus(delivered, 200);

    const settled = await eventually(
      () => invoiceRow(invoiceId),
      (row) => row.status === 'paid',
      20_000,
    );
    expect(settled).toEqual({ status: 'paid', amount_paid_cents: '30000' });
    const [recorded] = await db.query<{ payload: Record<string, unknown> }[]>(
      `SELECT payload FROM outbox_events WHERE aggregate_id = $1 AND type = 'invoice.payment-recorded'`,
      [invoiceId],
    );
    expect(recorded.payload).toMatchObject({
      amountCents: 30_000,
      status: 'paid',
      membershipId,
    });
    // The payments ledger completes the card payment's trail as for a booking's.
    const trail = await eventually(
      async () =>
        (
          await db.query<{ status: string; stripe_charge_id: string | null }[]>(
            `SELECT status, stripe_charge_id FROM payments WHERE id = $1`,
            [payment.id],
          )
        )[0],
      (row) => row.stripe_charge_id !== null,
    );
    expect(trail).toMatchObject({ status: 'succeeded', stripe_charge_id: expect.any(String) });

    // The books: the cotisation to 756000 « Cotisations » (no VAT, out of scope), then the card
    // money against the member's account, lettered with the invoice.
    const lines = await eventually(
      () =>
        db.query<
          { journal: string; account_number: string; debit_cents: string; credit_cents: string }[]
        >(
          `SELECT e.journal, l.account_number, l.debit_cents, l.credit_cents
             FROM accounting_entry_lines l JOIN accounting_entries e ON e.id = l.entry_id
            WHERE e.source_key = $1 OR l.lettering_key = $2
            ORDER BY e.journal DESC, l.position`,
          [`invoice:${invoiceId}`, invoiceId],
        ),
      (rows) => rows.some((row) => row.journal === 'ST'),
      20_000,
    );
    expect(lines.filter((line) => line.journal === 'VT')).toEqual([
      { journal: 'VT', account_number: '411000', debit_cents: '30000', credit_cents: '0' },
      { journal: 'VT', account_number: '756000', debit_cents: '0', credit_cents: '30000' },
    ]);
    expect(lines).toContainEqual({
      journal: 'ST',
      account_number: '411000',
      debit_cents: '0',
      credit_cents: '30000',
    });

    // Nothing is left to pay: a new checkout is refused.
    expectProblem(await checkout(invoiceId), 409, 'invoice_not_payable');
  });

  it('never opens two payment pages for one invoice, even asked twice at once', async () => {
    const { invoiceId } = await membershipInvoice(
      (await insertOrganisations(db, member.id, 1, 'pending'))[0],
    );
    const answers = await Promise.all([checkout(invoiceId), checkout(invoiceId)]);
    const pages = answers.filter((answer) => answer.status === 200);
    expect(pages.length).toBeGreaterThanOrEqual(1);
    for (const refused of answers.filter((answer) => answer.status !== 200)) {
      expectProblem(refused, 409, 'invoice_not_payable');
    }
    expect(new Set(pages.map((page) => page.body.checkoutUrl)).size).toBe(1);
    const open = await db.query<{ status: string }[]>(
      `SELECT status FROM payments WHERE invoice_id = $1 AND status = 'pending'`,
      [invoiceId],
    );
    expect(open).toHaveLength(1);
    // Once its page is set up, asking again hands it back.
    const again = await checkout(invoiceId);
    expectStatus(again, 200);
    expect(again.body.checkoutUrl).toBe(pages[0].body.checkoutUrl);
  });

  it('refuses a new page while a SEPA debit is on its way; a failed debit leaves the invoice payable again, a cleared one pays it', async () => {
    const { invoiceId } = await membershipInvoice(
      (await insertOrganisations(db, member.id, 1, 'pending'))[0],
    );
    const sessionOf = async () =>
      (
        await db.query<{ stripe_checkout_session_id: string }[]>(
          `SELECT stripe_checkout_session_id FROM payments WHERE invoice_id = $1 ORDER BY created_at DESC LIMIT 1`,
          [invoiceId],
        )
      )[0].stripe_checkout_session_id;
    const paymentStatuses = async () =>
      (
        await db.query<{ status: string }[]>(
          `SELECT status FROM payments WHERE invoice_id = $1 ORDER BY created_at`,
          [invoiceId],
        )
      ).map((row) => row.status);
    const deliver = async (type: string, session: Record<string, unknown>) =>
      expectStatus(
        await deliverStripeEvent(app, standIn.event(type, session), { secret: WEBHOOK_SECRET }),
        200,
      );

    expectStatus(await checkout(invoiceId), 200);
    const first = await sessionOf();
    await deliver(
      'checkout.session.completed',
      standIn.completeCheckoutSession(first, 'unpaid_async'),
    );
    await eventually(paymentStatuses, (statuses) => statuses[0] === 'processing');
    expectProblem(await checkout(invoiceId), 409, 'invoice_not_payable');

    await deliver(
      'checkout.session.async_payment_failed',
      standIn.completeCheckoutSession(first, 'async_failed'),
    );
    expect(await eventually(paymentStatuses, (statuses) => statuses[0] === 'failed')).toEqual([
      'failed',
    ]);
    expect((await invoiceRow(invoiceId)).status).toBe('issued');

    expectStatus(await checkout(invoiceId), 200);
    const second = await sessionOf();
    expect(second).not.toBe(first);
    await deliver(
      'checkout.session.completed',
      standIn.completeCheckoutSession(second, 'unpaid_async'),
    );
    await eventually(paymentStatuses, (statuses) => statuses[1] === 'processing');
    await deliver(
      'checkout.session.async_payment_succeeded',
      standIn.completeCheckoutSession(second, 'paid'),
    );
    expect(
      await eventually(
        () => invoiceRow(invoiceId),
        (row) => row.status === 'paid',
        20_000,
      ),
    ).toEqual({ status: 'paid', amount_paid_cents: '30000' });
  });

  it('answers 404 to anyone outside the invoice’s organisation, finance included', async () => {
    const { invoiceId } = await membershipInvoice(
      (await insertOrganisations(db, (await registerAndLogIn(app, 'autre')).id, 1, 'pending'))[0],
    );
    const stranger = await registerAndLogIn(app, 'etranger');
    expectProblem(await checkout(invoiceId, stranger), 404);
    const finance = await userWithRoles(app, 'membership-finance', ['finance']);
    expectProblem(await checkout(invoiceId, finance), 404);
    const [{ attempts }] = await db.query<{ attempts: number }[]>(
      `SELECT count(*)::int AS attempts FROM payments WHERE invoice_id = $1`,
      [invoiceId],
    );
    expect(attempts).toBe(0);
  });

  it('refuses a method other than card, and an unknown invoice', async () => {
    const { invoiceId } = await membershipInvoice(
      (await insertOrganisations(db, member.id, 1, 'pending'))[0],
    );
    const transfer = await api()
      .post(`/api/invoices/${invoiceId}/checkout`)
      .auth(member.accessToken, { type: 'bearer' })
      .send({ method: 'bank_transfer' });
    expectProblem(transfer, 400);
    expectProblem(await checkout('00000000-0000-4000-8000-000000000000'), 404);
  });
});
