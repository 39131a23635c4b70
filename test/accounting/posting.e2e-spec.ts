import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Queue, QueueEvents } from 'bullmq';
import { DateTime } from 'luxon';
import request from 'supertest';
import { DataSource } from 'typeorm';
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
import { camt053 } from '../reconciliation/statements';

const WEBHOOK_SECRET = 'whsec_posting';

/** An entry as the journal holds it, its lines as [account, debit, credit, lettering key]. */
interface PostedEntry {
  journal: string;
  eventDate: string;
  entryDate: string;
  pieceRef: string;
  lines: [string, number, number, string | null][];
}

/** Paris calendar date `days` ago, and the same instant in Unix seconds. */
function daysAgo(days: number): { date: string; seconds: number } {
  const instant = DateTime.now().setZone('Europe/Paris').minus({ days }).set({ hour: 11 });
  return { date: instant.toISODate()!, seconds: Math.floor(instant.toSeconds()) };
}

// The journal written as money facts happen, through the real worker: Stripe's webhooks and bank
// statements go in through the api, the worker applies them and its accounting queue posts each
// fact's entry (the recomputed FEC is not involved).
describe('posting money facts to the journal', () => {
  let harness: WorkerHarness;
  let standIn: StripeStandIn;
  let app: NestExpressApplication;
  let db: DataSource;
  let storage: string;
  let member: TestUser;
  let finance: TestUser;
  const today = DateTime.now().setZone('Europe/Paris').toISODate()!;
  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    standIn = await StripeStandIn.start();
    storage = mkdtempSync(join(tmpdir(), 'mutualis-posting-'));
    harness = await startWorkerHarness('posting', {
      STRIPE_SECRET_KEY: 'sk_test_posting',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE: standIn.url,
      INVOICE_STORAGE_DIR: storage,
    });
    ({ app, db } = harness);
    await configureChambre(db);
    member = await registerAndLogIn(app, 'posting-member');
    finance = await registerAndLogIn(app, 'posting-finance');
    await grantPlatformRoles(app, finance, ['finance']);
  });

  afterAll(async () => {
    await harness?.stop();
    await standIn?.stop();
    rmSync(storage, { recursive: true, force: true });
  });

  async function entryOf(sourceKey: string): Promise<PostedEntry | null> {
    const [entry] = await db.query<
      { id: string; journal: string; event_date: string; entry_date: string; piece_ref: string }[]
    >(
      `SELECT id, journal, to_char(event_date, 'YYYY-MM-DD') AS event_date,
              to_char(entry_date, 'YYYY-MM-DD') AS entry_date, piece_ref
         FROM accounting_entries WHERE source_key = $1`,
      [sourceKey],
    );
    if (!entry) return null;
    const lines = await db.query<
      { account_number: string; debit: string; credit: string; lettering_key: string | null }[]
    >(
      `SELECT account_number, debit_cents AS debit, credit_cents AS credit, lettering_key
         FROM accounting_entry_lines WHERE entry_id = $1 ORDER BY position`,
      [entry.id],
    );
    return {
      journal: entry.journal,
      eventDate: entry.event_date,
      entryDate: entry.entry_date,
      pieceRef: entry.piece_ref,
      lines: lines.map((line) => [
        line.account_number,
        Number(line.debit),
        Number(line.credit),
        line.lettering_key,
      ]),
    };
  }

  const posted = (sourceKey: string) =>
    eventually(
      () => entryOf(sourceKey),
      (entry) => entry !== null,
      20_000,
    ) as Promise<PostedEntry>;

  /** The key's letterings, oldest first: how many lines each holds and whether it ended. */
  const letteringsOf = (key: string) =>
    db.query<{ lines: number; ended: boolean }[]>(
      `SELECT (SELECT count(*)::int FROM accounting_lettering_lines m WHERE m.lettering_id = l.id) AS lines,
              EXISTS (SELECT 1 FROM accounting_lettering_ends e WHERE e.lettering_id = l.id) AS ended
         FROM accounting_letterings l WHERE l.lettering_key = $1 ORDER BY l.created_at`,
      [key],
    );

  /** Balance (debit less credit) of one account over the entries whose source keys are given. */
  async function balance(account: string, sourceKeys: string[]): Promise<number> {
    const [row] = await db.query<{ balance: string }[]>(
      `SELECT coalesce(sum(l.debit_cents - l.credit_cents), 0) AS balance
         FROM accounting_entry_lines l JOIN accounting_entries e ON e.id = l.entry_id
        WHERE l.account_number = $1 AND e.source_key = ANY($2::text[])`,
      [account, sourceKeys],
    );
    return Number(row.balance);
  }

  async function book(
    organisationId: string,
    options: Parameters<typeof insertPublishedSession>[1],
    method: 'card' | 'bank_transfer',
  ) {
    const { sessionId } = await insertPublishedSession(db, options);
    const booked = await api()
      .post('/api/bookings')
      .auth(member.accessToken, { type: 'bearer' })
      .send({
        organisationId,
        sessionId,
        attendees: [{ name: 'Inès Garcia', email: 'ines@test.mutualis.fr' }],
      })
      .expect(201);
    await api()
      .post(`/api/bookings/${booked.body.id}/checkout`)
      .auth(member.accessToken, { type: 'bearer' })
      .send({ method })
      .expect(200);
    return booked.body.id as string;
  }

  async function invoiceOf(bookingId: string) {
    const [invoice] = await eventually(
      () =>
        db.query<
          {
            id: string;
            number: string | null;
            total: string;
            excl: string;
            vat: string;
            payment_reference: string;
          }[]
        >(
          `SELECT id, number, total_incl_vat_cents AS total, total_excl_vat_cents AS excl,
                  total_vat_cents AS vat, payment_reference
             FROM invoices WHERE booking_id = $1 AND type = 'invoice'`,
          [bookingId],
        ),
      (rows) => rows[0]?.number != null,
      20_000,
    );
    return {
      id: invoice.id,
      number: invoice.number!,
      total: Number(invoice.total),
      excl: Number(invoice.excl),
      vat: Number(invoice.vat),
      reference: invoice.payment_reference,
    };
  }

  async function invoicePaymentOf(invoiceId: string): Promise<string> {
    const [payment] = await eventually(
      () =>
        db.query<{ id: string }[]>(`SELECT id FROM invoice_payments WHERE invoice_id = $1`, [
          invoiceId,
        ]),
      (rows) => rows.length > 0,
      20_000,
    );
    return payment.id;
  }

  async function webhook(event: object): Promise<void> {
    await deliverStripeEvent(app, event, { secret: WEBHOOK_SECRET }).expect(200);
  }

  async function importStatement(file: Buffer): Promise<void> {
    const accepted = await api()
      .post('/api/finance/bank-statements')
      .auth(finance.accessToken, { type: 'bearer' })
      .attach('file', file, 'releve.xml')
      .expect(202);
    const done = await eventually(
      async () =>
        (
          await api()
            .get(`/api/finance/bank-statements/${accepted.body.id}`)
            .auth(finance.accessToken, { type: 'bearer' })
        ).body as { status: string },
      (view) => view.status === 'done' || view.status === 'failed',
      20_000,
    );
    expect(done.status).toBe('done');
  }

  it('posts a card payment in the Stripe journal on Stripe’s date, its fee, its payout, and the credit note and refund of its cancellation', async () => {
    const [organisationId] = await insertOrganisations(db, member.id, 1);
    const bookingId = await book(organisationId, { vatTreatment: 'standard' }, 'card');
    const [{ stripe_checkout_session_id: checkoutId }] = await db.query<
      { stripe_checkout_session_id: string }[]
    >(`SELECT stripe_checkout_session_id FROM payments WHERE booking_id = $1`, [bookingId]);
    // Stripe took the money three days ago; its webhook only arrives now.
    const paid = daysAgo(3);
    await webhook(
      standIn.event(
        'checkout.session.completed',
        standIn.completeCheckoutSession(checkoutId, 'paid'),
        { created: paid.seconds },
      ),
    );
    const invoice = await invoiceOf(bookingId);

    // VT: the member's account debited, lettered by the invoice's id; revenue and VAT pending.
    expect(await posted(`invoice:${invoice.id}`)).toEqual({
      journal: 'VT',
      eventDate: today,
      entryDate: today,
      pieceRef: invoice.number,
      lines: [
        ['411000', invoice.total, 0, invoice.id],
        ['706100', 0, invoice.excl, null],
        ['445741', 0, invoice.vat, null],
      ],
    });

    // ST: 467 debit, 411 credit, on Stripe's date, referring to Stripe's payment; the VAT due.
    const paymentId = await invoicePaymentOf(invoice.id);
    const [stripe] = await eventually(
      () =>
        db.query<
          { id: string; intent: string; fee: string | null; txn: string | null; charge: string }[]
        >(
          `SELECT id, stripe_payment_intent_id AS intent, stripe_fee_cents AS fee,
                  stripe_balance_transaction_id AS txn, stripe_charge_id AS charge
             FROM payments WHERE booking_id = $1`,
          [bookingId],
        ),
      (rows) => rows[0]?.fee != null,
      20_000,
    );
    expect(await posted(`payment:${paymentId}`)).toEqual({
      journal: 'ST',
      eventDate: paid.date,
      entryDate: paid.date,
      pieceRef: stripe.intent,
      lines: [
        ['467100', invoice.total, 0, null],
        ['411000', 0, invoice.total, invoice.id],
        ['445741', invoice.vat, 0, null],
        ['445711', 0, invoice.vat, null],
      ],
    });
    // The invoice and its payment net to zero: lettered together.
    expect(await letteringsOf(invoice.id)).toEqual([{ lines: 2, ended: false }]);

    // Stripe's fee: 627 debit, 467 credit, referring to Stripe's balance transaction.
    const fee = Number(stripe.fee);
    expect(fee).toBeGreaterThan(0);
    expect(await posted(`stripe-fee:${stripe.id}`)).toMatchObject({
      journal: 'ST',
      eventDate: paid.date,
      pieceRef: stripe.txn,
      lines: [
        ['627000', fee, 0, null],
        ['467100', 0, fee, null],
      ],
    });

    // The payout moves what Stripe held to the bank, on its arrival date (no statement yet).
    const arrival = daysAgo(1);
    const payout = standIn.createPayout({ arrival_date: arrival.seconds }) as {
      id: string;
      amount: number;
    };
    expect(payout.amount).toBe(invoice.total - fee);
    await webhook(standIn.event('payout.paid', payout));
    await eventually(
      () =>
        db.query<{ charges: number | null }[]>(`SELECT charges FROM stripe_payouts WHERE id = $1`, [
          payout.id,
        ]),
      (rows) => rows[0]?.charges != null,
      20_000,
    );
    // The payout's detail found the fee known already: it is announced (and posted) once.
    const [{ announced }] = await db.query<{ announced: number }[]>(
      `SELECT count(*)::int AS announced FROM outbox_events
        WHERE type = 'payment.stripe-fee-recorded' AND aggregate_id = $1`,
      [stripe.id],
    );
    expect(announced).toBe(1);
    expect(await posted(`payout:${payout.id}`)).toEqual({
      journal: 'BQ',
      eventDate: arrival.date,
      entryDate: arrival.date,
      pieceRef: payout.id,
      lines: [
        ['512000', payout.amount, 0, null],
        ['467100', 0, payout.amount, null],
      ],
    });

    // Cancelled a month ahead: a credit note for all of it, refunded through Stripe.
    await api()
      .post(`/api/bookings/${bookingId}/cancel`)
      .auth(member.accessToken, { type: 'bearer' })
      .send({})
      .expect(200);
    const [creditNote] = await eventually(
      () =>
        db.query<{ id: string; number: string | null }[]>(
          `SELECT id, number FROM invoices WHERE corrects_invoice_id = $1`,
          [invoice.id],
        ),
      (rows) => rows[0]?.number != null,
      20_000,
    );
    // The credit note and the refund come from the same cancellation, in either order: the VAT
    // given back moves from collected to pending with whichever of them comes second.
    const credited = await posted(`credit-note:${creditNote.id}`);
    expect(credited).toMatchObject({ journal: 'VT', pieceRef: creditNote.number });
    expect(credited.lines.slice(0, 3)).toEqual([
      ['411000', 0, invoice.total, invoice.id],
      ['706100', invoice.excl, 0, null],
      ['445741', invoice.vat, 0, null],
    ]);
    const [refund] = await eventually(
      () =>
        db.query<{ id: string; stripe_refund_id: string | null }[]>(
          `SELECT id, stripe_refund_id FROM refunds WHERE booking_id = $1 AND status = 'succeeded'`,
          [bookingId],
        ),
      (rows) => rows.length > 0,
      20_000,
    );
    // ST: 411 debit, 467 credit, referring to Stripe's refund.
    const refunded = await posted(`refund:${refund.id}`);
    expect(refunded).toMatchObject({
      journal: 'ST',
      eventDate: today,
      pieceRef: refund.stripe_refund_id,
    });
    expect(refunded.lines.slice(0, 2)).toEqual([
      ['411000', invoice.total, 0, invoice.id],
      ['467100', 0, invoice.total, null],
    ]);
    const vatMoves = [...credited.lines.slice(3), ...refunded.lines.slice(2)];
    expect(vatMoves.sort()).toEqual([
      ['445711', invoice.vat, 0, null],
      ['445741', 0, invoice.vat, null],
    ]);
    const keys = [
      `invoice:${invoice.id}`,
      `payment:${paymentId}`,
      `credit-note:${creditNote.id}`,
      `refund:${refund.id}`,
    ];
    for (const account of ['411000', '445741', '445711'])
      expect(await balance(account, keys)).toBe(0);
    // The first lettering ended when the credit note came; the four lines letter again.
    expect(await letteringsOf(invoice.id)).toEqual([
      { lines: 2, ended: true },
      { lines: 4, ended: false },
    ]);
  });

  it('posts a transfer matched on a camt.053 statement in the bank journal on the bank’s date, and its undo as a counter-entry that ends the lettering', async () => {
    const [organisationId] = await insertOrganisations(db, member.id, 1);
    const training = await invoiceOf(
      await book(organisationId, { vatTreatment: 'exempt_training' }, 'bank_transfer'),
    );
    // Exempt professional training has its own revenue account and no VAT.
    expect((await posted(`invoice:${training.id}`)).lines).toEqual([
      ['411000', training.total, 0, training.id],
      ['706200', 0, training.total, null],
    ]);

    const invoice = await invoiceOf(
      await book(organisationId, { vatTreatment: 'standard' }, 'bank_transfer'),
    );
    await posted(`invoice:${invoice.id}`);
    // Booked by the bank five days ago, 10 € more than the invoice: the rest is kept as credit.
    const bank = daysAgo(5);
    const bankReference = `BANK-TR-${invoice.id.slice(0, 8)}`;
    await importStatement(
      camt053(`STMT-${bankReference}`, [
        {
          direction: 'credit',
          bookingDate: bank.date,
          accountServicerReference: bankReference,
          transfers: [
            {
              amountCents: invoice.total + 1_000,
              party: 'SCOP DE TEST',
              creditorReference: invoice.reference,
            },
          ],
        },
      ]),
    );
    const paymentId = await invoicePaymentOf(invoice.id);
    const payment = await posted(`payment:${paymentId}`);
    expect(payment).toEqual({
      journal: 'BQ',
      eventDate: bank.date,
      entryDate: bank.date,
      pieceRef: bankReference,
      lines: [
        ['512000', invoice.total, 0, null],
        ['411000', 0, invoice.total, invoice.id],
        ['445741', invoice.vat, 0, null],
        ['445711', 0, invoice.vat, null],
      ],
    });
    expect(await letteringsOf(invoice.id)).toEqual([{ lines: 2, ended: false }]);
    const allocations = await db.query<{ id: string; kind: string; transaction_id: string }[]>(
      `SELECT a.id, a.kind, a.transaction_id FROM bank_allocations a
         JOIN bank_transactions t ON t.id = a.transaction_id
        WHERE t.bank_reference = $1 ORDER BY a.kind`,
      [bankReference],
    );
    expect(allocations.map((allocation) => allocation.kind)).toEqual([
      'invoice',
      'organisation_credit',
    ]);
    const credit = allocations[1];
    expect(await posted(`bank-allocation:${credit.id}`)).toEqual({
      journal: 'BQ',
      eventDate: bank.date,
      entryDate: bank.date,
      pieceRef: bankReference,
      lines: [
        ['512000', 1_000, 0, null],
        ['411000', 0, 1_000, `bank-allocation:${credit.id}`],
      ],
    });

    // Allocated to the wrong invoice after all: undone today.
    await api()
      .delete(
        `/api/finance/bank-transactions/${allocations[0].transaction_id}/allocations/${allocations[0].id}`,
      )
      .auth(finance.accessToken, { type: 'bearer' })
      .expect(200);
    expect(await posted(`payment-reversal:${paymentId}`)).toEqual({
      journal: 'BQ',
      eventDate: today,
      entryDate: today,
      pieceRef: bankReference,
      lines: [
        ['512000', 0, invoice.total, null],
        ['411000', invoice.total, 0, invoice.id],
        ['445741', 0, invoice.vat, null],
        ['445711', invoice.vat, 0, null],
      ],
    });
    // The payment's entry is still there; the invoice is due again, its lettering ended.
    expect(await entryOf(`payment:${paymentId}`)).toEqual(payment);
    expect(await letteringsOf(invoice.id)).toEqual([{ lines: 2, ended: true }]);
    expect(
      await balance('445741', [
        `invoice:${invoice.id}`,
        `payment:${paymentId}`,
        `payment-reversal:${paymentId}`,
      ]),
    ).toBe(-invoice.vat);

    // The credit undone too: its counter-entry letters with it.
    await api()
      .delete(`/api/finance/bank-transactions/${credit.transaction_id}/allocations/${credit.id}`)
      .auth(finance.accessToken, { type: 'bearer' })
      .expect(200);
    expect(await posted(`bank-allocation-undone:${credit.id}`)).toMatchObject({
      journal: 'BQ',
      eventDate: today,
      lines: [
        ['512000', 0, 1_000, null],
        ['411000', 1_000, 0, `bank-allocation:${credit.id}`],
      ],
    });
    expect(await letteringsOf(`bank-allocation:${credit.id}`)).toEqual([
      { lines: 2, ended: false },
    ]);
  });

  it('posts a transfer refund from the statement line that shows it, counters it when undone, and posts it when finance marks it made', async () => {
    const [organisationId] = await insertOrganisations(db, member.id, 1);
    const bookingId = await book(organisationId, { vatTreatment: 'standard' }, 'bank_transfer');
    const invoice = await invoiceOf(bookingId);
    // Paid by transfer (reconciliation's work, done by hand here), then cancelled.
    await db.query(`UPDATE payments SET status = 'succeeded' WHERE booking_id = $1`, [bookingId]);
    await api()
      .post(`/api/bookings/${bookingId}/cancel`)
      .auth(member.accessToken, { type: 'bearer' })
      .send({})
      .expect(200);
    const [refund] = await eventually(
      () =>
        db.query<{ id: string; status: string }[]>(
          `SELECT id, status FROM refunds WHERE booking_id = $1`,
          [bookingId],
        ),
      (rows) => rows[0]?.status === 'instructed',
      20_000,
    );

    // The bank shows the transfer two days ago; finance matches the debit with the refund.
    const bank = daysAgo(2);
    const bankReference = `BANK-RB-${refund.id.slice(0, 8)}`;
    await importStatement(
      camt053(`STMT-${bankReference}`, [
        {
          direction: 'debit',
          bookingDate: bank.date,
          accountServicerReference: bankReference,
          transfers: [{ amountCents: invoice.total, party: 'SCOP DE TEST', text: 'REMBOURSEMENT' }],
        },
      ]),
    );
    const [line] = await db.query<{ id: string }[]>(
      `SELECT id FROM bank_transactions WHERE bank_reference = $1`,
      [bankReference],
    );
    let [allocation] = await db.query<{ id: string }[]>(
      `SELECT id FROM bank_allocations WHERE refund_id = $1 AND undone_at IS NULL`,
      [refund.id],
    );
    if (!allocation) {
      const allocated = await api()
        .post(`/api/finance/bank-transactions/${line.id}/allocations`)
        .auth(finance.accessToken, { type: 'bearer' })
        .send({ refundId: refund.id })
        .expect(201);
      allocation = allocated.body.allocations[0] as { id: string };
    }
    // BQ: 411 debit, 512 credit, on the bank's date, referring to the line (not the refund).
    expect(await posted(`bank-allocation:${allocation.id}`)).toEqual({
      journal: 'BQ',
      eventDate: bank.date,
      entryDate: bank.date,
      pieceRef: bankReference,
      lines: [
        ['411000', invoice.total, 0, invoice.id],
        ['512000', 0, invoice.total, null],
      ],
    });

    // That debit was another transfer: undone, the refund is to make again.
    await api()
      .delete(`/api/finance/bank-transactions/${line.id}/allocations/${allocation.id}`)
      .auth(finance.accessToken, { type: 'bearer' })
      .expect(200);
    expect(await posted(`bank-allocation-undone:${allocation.id}`)).toMatchObject({
      journal: 'BQ',
      eventDate: today,
      pieceRef: bankReference,
      lines: [
        ['411000', 0, invoice.total, invoice.id],
        ['512000', invoice.total, 0, null],
      ],
    });

    // Finance makes it and marks it made by hand: posted from the refund itself.
    await api()
      .post(`/api/finance/refund-instructions/${refund.id}/done`)
      .auth(finance.accessToken, { type: 'bearer' })
      .expect(200);
    expect(await posted(`refund:${refund.id}`)).toMatchObject({
      journal: 'BQ',
      eventDate: today,
      pieceRef: refund.id,
      lines: [
        ['411000', invoice.total, 0, invoice.id],
        ['512000', 0, invoice.total, null],
      ],
    });
    const [{ entries }] = await db.query<{ entries: number }[]>(
      `SELECT count(*)::int AS entries FROM accounting_entry_lines l
         JOIN accounting_entries e ON e.id = l.entry_id
        WHERE l.lettering_key = $1`,
      [invoice.id],
    );
    // The invoice, its credit note, the refund matched, its undo, the refund made.
    expect(entries).toBe(5);
  });

  it('posts money Stripe took after the booking was cancelled, and its refund, lettered together without VAT', async () => {
    const [organisationId] = await insertOrganisations(db, member.id, 1);
    const bookingId = await book(organisationId, { vatTreatment: 'standard' }, 'card');
    const [payment] = await db.query<{ id: string; checkout: string; amount: string }[]>(
      `SELECT id, stripe_checkout_session_id AS checkout, amount_cents AS amount
         FROM payments WHERE booking_id = $1`,
      [bookingId],
    );
    await api()
      .post(`/api/bookings/${bookingId}/cancel`)
      .auth(member.accessToken, { type: 'bearer' })
      .send({})
      .expect(200);
    await webhook(
      standIn.event(
        'checkout.session.completed',
        standIn.completeCheckoutSession(payment.checkout, 'paid'),
      ),
    );
    const key = `late-payment:${payment.id}`;
    const amount = Number(payment.amount);
    expect(await posted(key)).toMatchObject({
      journal: 'ST',
      eventDate: today,
      lines: [
        ['467100', amount, 0, null],
        ['411000', 0, amount, key],
      ],
    });
    const [refund] = await eventually(
      () =>
        db.query<{ id: string }[]>(
          `SELECT id FROM refunds WHERE payment_id = $1 AND status = 'succeeded'`,
          [payment.id],
        ),
      (rows) => rows.length > 0,
      20_000,
    );
    expect((await posted(`refund:${refund.id}`)).lines).toEqual([
      ['411000', amount, 0, key],
      ['467100', 0, amount, null],
    ]);
    expect(await letteringsOf(key)).toEqual([{ lines: 2, ended: false }]);
    // No invoice was ever issued for it.
    expect(await db.query(`SELECT id FROM invoices WHERE booking_id = $1`, [bookingId])).toEqual(
      [],
    );
  });

  it('credits VAT collected at once on an invoice issued under the debits option, and moves none on its payment', async () => {
    await configureChambre(db, { vatOnDebits: true });
    try {
      const [organisationId] = await insertOrganisations(db, member.id, 1);
      const bookingId = await book(organisationId, { vatTreatment: 'standard' }, 'card');
      const [{ checkout }] = await db.query<{ checkout: string }[]>(
        `SELECT stripe_checkout_session_id AS checkout FROM payments WHERE booking_id = $1`,
        [bookingId],
      );
      await webhook(
        standIn.event(
          'checkout.session.completed',
          standIn.completeCheckoutSession(checkout, 'paid'),
        ),
      );
      const invoice = await invoiceOf(bookingId);
      expect((await posted(`invoice:${invoice.id}`)).lines).toEqual([
        ['411000', invoice.total, 0, invoice.id],
        ['706100', 0, invoice.excl, null],
        ['445711', 0, invoice.vat, null],
      ]);
      const paymentId = await invoicePaymentOf(invoice.id);
      expect((await posted(`payment:${paymentId}`)).lines).toEqual([
        ['467100', invoice.total, 0, null],
        ['411000', 0, invoice.total, invoice.id],
      ]);
    } finally {
      await configureChambre(db);
    }
  });

  it('sends services exempt for members to the other revenue account, by the regime the invoice names', async () => {
    const [organisationId] = await insertOrganisations(db, member.id, 1);
    const invoice = await invoiceOf(
      await book(organisationId, { vatTreatment: 'exempt_members' }, 'bank_transfer'),
    );
    expect((await posted(`invoice:${invoice.id}`)).lines).toEqual([
      ['411000', invoice.total, 0, invoice.id],
      ['706300', 0, invoice.total, null],
    ]);
  });

  it('writes a zero-amount invoice in the sales journal', async () => {
    const [organisationId] = await insertOrganisations(db, member.id, 1);
    const { sessionId } = await insertPublishedSession(db, {
      memberPriceCents: 0,
      nonMemberPriceCents: 0,
    });
    const booked = await api()
      .post('/api/bookings')
      .auth(member.accessToken, { type: 'bearer' })
      .send({
        organisationId,
        sessionId,
        attendees: [{ name: 'Nora Petit', email: 'nora@test.mutualis.fr' }],
      })
      .expect(201);
    await api()
      .post(`/api/bookings/${booked.body.id}/confirm`)
      .auth(finance.accessToken, { type: 'bearer' })
      .send({ method: 'cheque' })
      .expect(200);
    const invoice = await invoiceOf(booked.body.id as string);
    expect(invoice.total).toBe(0);
    expect(await posted(`invoice:${invoice.id}`)).toEqual({
      journal: 'VT',
      eventDate: today,
      entryDate: today,
      pieceRef: invoice.number,
      lines: [
        ['411000', 0, 0, invoice.id],
        ['706100', 0, 0, null],
      ],
    });
  });

  it('posts a redelivered event once', async () => {
    const [organisationId] = await insertOrganisations(db, member.id, 1);
    const invoice = await invoiceOf(
      await book(organisationId, { vatTreatment: 'standard' }, 'bank_transfer'),
    );
    await posted(`invoice:${invoice.id}`);
    const [event] = await db.query<
      { id: string; type: string; aggregate_id: string; payload: object }[]
    >(
      `SELECT id, type, aggregate_id, payload FROM outbox_events
        WHERE type = 'invoice.issued' AND aggregate_id = $1`,
      [invoice.id],
    );
    // The same event delivered again, as BullMQ may after a lost acknowledgement.
    const connection = { host: '127.0.0.1', port: 6379 };
    const prefix = `${harness.environment.redisPrefix}:bull`;
    const queue = new Queue('accounting', { connection, prefix });
    const events = new QueueEvents('accounting', { connection, prefix });
    try {
      await events.waitUntilReady();
      const job = await queue.add(
        event.type,
        {
          eventId: event.id,
          type: event.type,
          aggregateId: event.aggregate_id,
          payload: event.payload,
        },
        { jobId: `redelivered-${event.id}` },
      );
      // Behind whatever else the worker has queued: minutes on a loaded CI machine, not seconds.
      expect(await job.waitUntilFinished(events, 50_000)).toEqual({ outcome: 'already_posted' });
    } finally {
      await Promise.all([queue.close(), events.close()]);
    }
    const [{ count }] = await db.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM accounting_entries WHERE source_key = $1`,
      [`invoice:${invoice.id}`],
    );
    expect(count).toBe(1);
  }, 60_000);
});
