import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Queue, QueueEvents } from 'bullmq';
import Stripe from 'stripe';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { BookingJobs } from '@mutualis/booking';
import { Clock, QueueName } from '@mutualis/core';
import {
  attestTrainingExemption,
  configureChambre,
  insertConsultant,
  insertOrganisations,
  StripeStandIn,
} from '@mutualis/testing';
import { grantPlatformRoles, registerAndLogIn, TestUser } from '../support/api-client';
import { auditFec, balanceOf, FecAudit, FecRow } from '../support/fec-audit';
import { startInProcessWorker } from '../support/in-process-worker';
import { IsolatedEnvironment, isolatedEnvironment } from '../support/isolated-environment';
import { installSimulatedTime, SimulatedClock } from '../support/simulated-time';
import { deliverStripeEvent } from '../support/stripe-webhook';
import { createTestApp } from '../support/test-app';
import { camt053, StatementEntry } from '../reconciliation/statements';
import {
  addDays,
  businessDays,
  nextBusinessDay,
  OFFERINGS,
  planYear,
  Story,
  weekday,
  YearPlan,
} from './year-simulation.plan';

const YEAR = 2025;
/** The seed of the year's plan; SIM_SEED replays another year, SIM_INVOICES sizes it. */
const SEED = Number(process.env.SIM_SEED ?? 18);
const INVOICES = Number(process.env.SIM_INVOICES ?? 2_000);
/** The instant the next fiscal year begins in Paris. */
const NEXT_YEAR_STARTS = new Date(`${YEAR}-12-31T23:00:00Z`);
const MEMBERS = 90;
const NON_MEMBERS = 30;
const WEBHOOK_SECRET = 'whsec_yearsimulation';
/** The last digit of the VAT accounts of each rate in the default chart (445711, 445741 for 20 %). */
const VAT_SUFFIX: Record<number, string> = { 2000: '1', 1000: '2', 550: '3', 210: '4' };
/** Queues whose jobs read the clock: waited for before the simulated day ends. */
const CLOCK_QUEUES = [QueueName.Booking, QueueName.Invoicing, QueueName.Payments];
/** The queues the simulation watches: every one a booking's life goes through. */
const QUEUES = [
  QueueName.Booking,
  QueueName.Invoicing,
  QueueName.Payments,
  QueueName.Reconciliation,
  QueueName.Accounting,
  QueueName.Notifications,
];

interface InvoiceFacts {
  id: string;
  number: string;
  organisationId: string;
  bookingId: string | null;
  total: number;
  paid: number;
  credited: number;
  status: string;
  reference: string | null;
}

/** A bank line the simulation will put on a statement, its amount decided when it is written. */
interface PendingLine {
  bankDate: string;
  reference: string;
  direction: 'credit' | 'debit';
  /** The invoice it pays (matched by its RF reference, or by hand for a cheque). */
  story?: Story;
  share?: Story['payments'][number];
  /** A refund instruction it settles. */
  refundOf?: Story;
  payout?: { id: string; amount: number };
}

/** What happened, for the checks and the report. */
interface Tally {
  bookings: number;
  statements: number;
  bankLines: number;
  lateBankLines: { reference: string; bankDate: string }[];
  reversals: number;
  cancellations: number;
  payouts: number;
  latePayments: number;
  validations: string[];
  closed: string[];
  phases: Record<string, number>;
}

// A year of the Chambre's activity, played day by day on a simulated clock through the api and
// a worker in this process (outbox → BullMQ → handlers): bookings paid by card, SEPA debit,
// transfer and cheque, partial payments, allocations undone, cancellations with their credit
// notes and refunds, credit notes granted by finance, Stripe fees and weekly payouts, months
// validated and the first half-year closed. Its FEC-layout export is then read by an auditor
// written from A47 A-1 (test/support/fec-audit.ts) and compared with what the database says.
describe(`a year of books, simulated (seed ${SEED}, ${INVOICES} bookings)`, () => {
  let environment: IsolatedEnvironment;
  let clock: SimulatedClock;
  let standIn: StripeStandIn;
  let storage: string;
  let app: NestExpressApplication;
  let worker: INestApplication;
  let db: DataSource;
  let member: TestUser;
  let finance: TestUser;
  let plan: YearPlan;
  let queues: Queue[];
  let stripe: Stripe;

  const organisationIds: string[] = [];
  const sessionIds = new Map<string, string>();
  const bookingOf = new Map<number, string>();
  const invoiceOf = new Map<number, string>();
  const firstLineOf = new Map<number, string>();
  const pendingLines: PendingLine[] = [];
  /** Work planned for a later day, run in the order of the stories it belongs to. */
  const agenda = new Map<string, { order: number; work: () => Promise<void> }[]>();
  const tally: Tally = {
    bookings: 0,
    statements: 0,
    bankLines: 0,
    lateBankLines: [],
    reversals: 0,
    cancellations: 0,
    payouts: 0,
    latePayments: 0,
    validations: [],
    closed: [],
    phases: {},
  };
  let firstExport: Buffer;
  let secondExport: Buffer;
  let nextYearExport: Buffer;
  let audit: FecAudit;
  /** Invoices and credit notes of the year as the database says they stood at its end. */
  let yearEnd: {
    invoices: (InvoiceFacts & {
      received: number;
      refunded: number;
      vat: number;
      creditedVat: number;
    })[];
    creditNotes: { number: string; total: number }[];
    breakdown: { regime: string; rate: number; sign: number; taxable: number; vat: number }[];
    bank: number;
    stripeBalance: number;
    stripeFees: number;
    /** Payments Stripe took in the year whose fee the payments context does not know. */
    paymentsWithoutFee: string[];
    /** What moved on each invoice's customer account: payments, their reversals, credit notes, refunds. */
    movements: Map<string, { piece: string; debit: number; credit: number }[]>;
  };

  const api = () => request(app.getHttpServer());
  const as = (user: TestUser) => ({
    get: (path: string) => api().get(path).auth(user.accessToken, { type: 'bearer' }),
    post: (path: string) => api().post(path).auth(user.accessToken, { type: 'bearer' }),
    delete: (path: string) => api().delete(path).auth(user.accessToken, { type: 'bearer' }),
  });
  const later = (day: string, order: number, work: () => Promise<void>) => {
    agenda.set(day, [...(agenda.get(day) ?? []), { order, work }]);
  };
  const timed = async <T>(phase: string, work: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await work();
    } finally {
      tally.phases[phase] = (tally.phases[phase] ?? 0) + performance.now() - start;
    }
  };

  async function expectOk(test: request.Test, status: number): Promise<request.Response> {
    const { method, url } = test;
    const response = await test;
    if (response.status !== status) {
      throw new Error(
        `${method} ${url} answered ${response.status}: ${JSON.stringify(response.body).slice(0, 600)}`,
      );
    }
    return response;
  }

  /**
   * Waits until the worker has done the work of the day: no event left in the outbox, no job
   * waiting or running in those queues. Retries waiting out their back-off (a payment recorded
   * before its invoice is issued) are run at once, so a simulated day does not last the
   * back-off's seconds. Between days only the queues whose jobs read the clock are waited for
   * (invoices and credit notes take their date when issued, refunds when sent); the journal's
   * posts are dated by the facts and catch up meanwhile, and everything is waited for before a
   * month is validated or closed.
   */
  async function settle(scope: 'day' | 'books' | 'all'): Promise<void> {
    const deadline = Date.now() + 300_000;
    const watched = queues.filter((queue) =>
      scope === 'all'
        ? true
        : scope === 'books'
          ? queue.name !== String(QueueName.Notifications)
          : CLOCK_QUEUES.some((name) => String(name) === queue.name),
    );
    for (;;) {
      const [{ pending }] = await db.query<{ pending: number }[]>(
        `SELECT count(*)::int AS pending FROM outbox_events WHERE published_at IS NULL`,
      );
      let busy = pending;
      for (const queue of watched) {
        const counts = await queue.getJobCounts('waiting', 'active', 'prioritized', 'delayed');
        busy += counts.waiting + counts.active + counts.prioritized;
        if (counts.delayed === 0 || queue.name === String(QueueName.Notifications)) continue;
        for (const job of await queue.getDelayed()) {
          if (job.repeatJobKey) continue;
          busy++;
          await job.promote().catch(() => undefined);
        }
      }
      if (busy === 0) return;
      if (Date.now() > deadline) throw new Error(`the worker did not settle (${busy} busy)`);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
  }

  async function webhook(event: object): Promise<void> {
    await expectOk(deliverStripeEvent(app, event, { secret: WEBHOOK_SECRET }), 200);
  }

  async function invoiceFacts(invoiceId: string): Promise<InvoiceFacts> {
    const [row] = await db.query<
      {
        id: string;
        number: string;
        organisation_id: string;
        booking_id: string | null;
        total: string;
        paid: string;
        credited: string;
        status: string;
        reference: string | null;
      }[]
    >(
      `SELECT id, number, organisation_id, booking_id, total_incl_vat_cents AS total,
              amount_paid_cents AS paid, amount_credited_cents AS credited, status,
              payment_reference AS reference
         FROM invoices WHERE id = $1`,
      [invoiceId],
    );
    return {
      id: row.id,
      number: row.number,
      organisationId: row.organisation_id,
      bookingId: row.booking_id,
      total: Number(row.total),
      paid: Number(row.paid),
      credited: Number(row.credited),
      status: row.status,
      reference: row.reference,
    };
  }

  const due = (invoice: InvoiceFacts) =>
    Math.max(0, invoice.total - invoice.paid - invoice.credited);

  /** CPU (user + system, ms) of PostgreSQL's backends serving the simulation's database. */
  async function databaseCpuMs(): Promise<number> {
    const rows = await db.query<{ pid: number }[]>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database()`,
    );
    let total = 0;
    for (const { pid } of rows) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        total += ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
      } catch {
        // A backend that ended meanwhile.
      }
    }
    return total;
  }

  // ---- Set-up ----------------------------------------------------------------------------

  async function seedCatalogue(): Promise<void> {
    const consultantId = await insertConsultant(db);
    const offeringIds: string[] = [];
    for (const offering of OFFERINGS) {
      const [{ id }] = await db.query<{ id: string }[]>(
        `INSERT INTO offerings (consultant_id, category_id, title, summary, description, kind, delivery_mode,
                                departments, duration_minutes, member_price_cents, non_member_price_cents,
                                vat_treatment, cancellation_policy, status, published_at)
         SELECT $1, id, $2, 'Résumé', 'Programme', 'training', 'on_site', '{13}', 420, $3, $4, $5,
                '{"tiers":[{"daysBefore":14,"refundPercent":100},{"daysBefore":7,"refundPercent":50}]}',
                'published', now()
           FROM categories WHERE slug = 'formation'
         RETURNING id`,
        [
          consultantId,
          offering.title,
          offering.memberPriceCents,
          offering.nonMemberPriceCents,
          offering.vatTreatment,
        ],
      );
      offeringIds.push(id);
    }
    const rows = await db.query<{ id: string; offering: number; date: string }[]>(
      `INSERT INTO sessions (offering_id, starts_at, ends_at, registration_deadline, capacity, location)
       SELECT (($1::uuid[])[s.offering + 1]),
              (s.date::timestamp + interval '9 hours') AT TIME ZONE 'Europe/Paris',
              (s.date::timestamp + interval '16 hours') AT TIME ZONE 'Europe/Paris',
              (s.date::timestamp - interval '2 days') AT TIME ZONE 'Europe/Paris',
              1000, 'Cité des associations, Marseille'
         FROM unnest($2::int[], $3::date[]) AS s(offering, date)
       RETURNING id, (SELECT array_position($1::uuid[], offering_id) - 1) AS offering,
                 to_char((starts_at AT TIME ZONE 'Europe/Paris')::date, 'YYYY-MM-DD') AS date`,
      [
        offeringIds,
        plan.sessions.map((session) => session.offering),
        plan.sessions.map((session) => session.date),
      ],
    );
    for (const row of rows) sessionIds.set(`${row.offering}:${row.date}`, row.id);
  }

  async function seedOrganisations(): Promise<void> {
    organisationIds.push(...(await insertOrganisations(db, member.id, MEMBERS, 'active')));
    organisationIds.push(...(await insertOrganisations(db, member.id, NON_MEMBERS, null)));
    // Names as members write them: accents, the œ ligature ISO 8859-15 has (8859-1 has not),
    // typographic apostrophes, and one a spreadsheet would run as a formula.
    const names = [
      'Association Élan solidaire',
      'Œuvre des jardins partagés',
      'SCOP L’Atelier du Panier',
      'Coopérative Łódź & Fils',
      '=HYPERLINK("http://exemple.invalid","Cliquez")',
    ];
    for (const [index, name] of names.entries()) {
      await db.query(`UPDATE organisations SET legal_name = $2 WHERE id = $1`, [
        organisationIds[index * 7],
        name,
      ]);
    }
  }

  // ---- A booking's life ------------------------------------------------------------------

  async function book(story: Story): Promise<string> {
    const sessionId = sessionIds.get(`${story.offering}:${story.sessionDate}`);
    if (!sessionId)
      throw new Error(`no session of offering ${story.offering} on ${story.sessionDate}`);
    const response = await expectOk(
      as(member)
        .post('/api/bookings')
        .send({
          organisationId: organisationIds[story.organisation],
          sessionId,
          attendees: Array.from({ length: story.seats }, (_, seat) => ({
            name: `Participante ${story.index}-${seat + 1}`,
            email: `participante-${story.index}-${seat + 1}@sim.mutualis.fr`,
          })),
        }),
      201,
    );
    tally.bookings++;
    const bookingId = response.body.id as string;
    bookingOf.set(story.index, bookingId);
    return bookingId;
  }

  async function checkoutSessionOf(bookingId: string): Promise<string> {
    const [{ id }] = await db.query<{ id: string }[]>(
      `SELECT stripe_checkout_session_id AS id FROM payments WHERE booking_id = $1`,
      [bookingId],
    );
    return id;
  }

  async function startBooking(story: Story): Promise<void> {
    const bookingId = await book(story);
    switch (story.method) {
      case 'card':
      case 'sepa':
      case 'sepa_late': {
        await expectOk(
          as(member).post(`/api/bookings/${bookingId}/checkout`).send({ method: 'card' }),
          200,
        );
        const checkout = await checkoutSessionOf(bookingId);
        if (story.method === 'card') {
          await webhook(
            standIn.event(
              'checkout.session.completed',
              standIn.completeCheckoutSession(checkout, 'paid'),
            ),
          );
          return;
        }
        // SEPA: the session completes with the debit still processing, settled later.
        await webhook(
          standIn.event(
            'checkout.session.completed',
            standIn.completeCheckoutSession(checkout, 'unpaid_async'),
          ),
        );
        const settleDebit = async () =>
          webhook(
            standIn.event(
              'checkout.session.async_payment_succeeded',
              standIn.completeCheckoutSession(checkout, 'paid'),
            ),
          );
        if (story.method === 'sepa') return settleDebit();
        // Settled the next day, after the hold ran out: money taken for an expired booking.
        later(nextBusinessDay(addDays(story.day, 1)), story.index, async () => {
          await sweepExpiredHolds();
          await settleDebit();
          tally.latePayments++;
        });
        return;
      }
      case 'transfer': {
        const response = await expectOk(
          as(member).post(`/api/bookings/${bookingId}/checkout`).send({ method: 'bank_transfer' }),
          200,
        );
        invoiceOf.set(story.index, response.body.invoiceId as string);
        break;
      }
      case 'cheque':
      case 'mandate':
      case 'free':
        await expectOk(
          as(finance)
            .post(`/api/bookings/${bookingId}/confirm`)
            .send({ method: story.method === 'mandate' ? 'administrative_mandate' : 'cheque' }),
          200,
        );
        break;
    }
    story.payments.forEach((share, index) => {
      pendingLines.push({
        bankDate: share.bankDate,
        reference: `SIM-${story.index}-${index + 1}`,
        direction: 'credit',
        story,
        share,
      });
    });
    if (story.creditNote) {
      const { percent } = story.creditNote;
      later(story.creditNote.day, story.index, () => grantCreditNote(story, percent));
    }
    if (story.cancel) {
      const { refund } = story.cancel;
      later(story.cancel.day, story.index, () => cancel(story, refund));
    }
    if (story.reversalDay) later(story.reversalDay, story.index, () => reverse(story));
  }

  async function sweepExpiredHolds(): Promise<void> {
    const [queue] = queues.filter((candidate) => candidate.name === String(QueueName.Booking));
    const events = new QueueEvents(QueueName.Booking, {
      connection: { host: '127.0.0.1', port: 6379 },
      prefix: `${environment.redisPrefix}:bull`,
    });
    try {
      await events.waitUntilReady();
      const job = await queue.add(BookingJobs.SweepExpired, {});
      await job.waitUntilFinished(events, 30_000);
    } finally {
      await events.close();
    }
  }

  /** The booking's invoice, once the worker has issued it. */
  async function issuedInvoiceOf(story: Story): Promise<InvoiceFacts> {
    let invoiceId = invoiceOf.get(story.index);
    if (!invoiceId) {
      const [row] = await db.query<{ id: string }[]>(
        `SELECT id FROM invoices WHERE booking_id = $1 AND type = 'invoice' AND status <> 'draft'`,
        [bookingOf.get(story.index)],
      );
      if (!row) throw new Error(`booking ${story.index} has no issued invoice`);
      invoiceId = row.id;
      invoiceOf.set(story.index, invoiceId);
    }
    return invoiceFacts(invoiceId);
  }

  async function grantCreditNote(story: Story, percent: number): Promise<void> {
    const invoice = await issuedInvoiceOf(story);
    const amountCents = Math.round((invoice.total * percent) / 100);
    if (amountCents <= 0 || due(invoice) < amountCents) return;
    await expectOk(
      as(finance)
        .post(`/api/invoices/${invoice.id}/credit-notes`)
        .send({ amountCents, reason: `Geste commercial de ${percent} %` }),
      202,
    );
  }

  async function cancel(
    story: Story,
    refund: 'bank_line' | 'marked_done' | undefined,
  ): Promise<void> {
    const bookingId = bookingOf.get(story.index)!;
    if (refund) {
      const invoice = await issuedInvoiceOf(story);
      // Reconciliation does not mark a booking's transfer payment received (every spec of a
      // transfer refund does it by hand): done here too, once the bank has shown the money.
      if (due(invoice) > 0) return;
      await db.query(
        `UPDATE payments SET status = 'succeeded' WHERE booking_id = $1 AND provider = 'bank_transfer'`,
        [bookingId],
      );
    }
    const response = await expectOk(
      as(member).post(`/api/bookings/${bookingId}/cancel`).send({ reason: 'Empêchement' }),
      200,
    );
    tally.cancellations++;
    const percent = (response.body.refund as { percent: number }).percent;
    if (!refund || percent === 0) return;
    const settleDay = nextBusinessDay(addDays(clock.today(), 2));
    if (refund === 'bank_line') {
      pendingLines.push({
        bankDate: settleDay,
        reference: `SIM-${story.index}-refund`,
        direction: 'debit',
        refundOf: story,
      });
    } else {
      later(settleDay, story.index, async () => {
        const [instruction] = await db.query<{ id: string }[]>(
          `SELECT id FROM refunds WHERE booking_id = $1 AND status = 'instructed'`,
          [bookingId],
        );
        if (!instruction) return;
        await expectOk(
          as(finance).post(`/api/finance/refund-instructions/${instruction.id}/done`),
          200,
        );
      });
    }
  }

  async function reverse(story: Story): Promise<void> {
    const reference = firstLineOf.get(story.index);
    if (!reference) return;
    const [line] = await db.query<{ id: string }[]>(
      `SELECT id FROM bank_transactions WHERE bank_reference = $1`,
      [reference],
    );
    const [allocation] = await db.query<{ id: string; invoice_id: string }[]>(
      `SELECT id, invoice_id FROM bank_allocations
        WHERE transaction_id = $1 AND kind = 'invoice' AND undone_at IS NULL`,
      [line.id],
    );
    if (!allocation) return;
    await expectOk(
      as(finance).delete(`/api/finance/bank-transactions/${line.id}/allocations/${allocation.id}`),
      200,
    );
    tally.reversals++;
    // Checked again by finance: it was this invoice after all.
    await expectOk(
      as(finance)
        .post(`/api/finance/bank-transactions/${line.id}/allocations`)
        .send({ invoiceId: allocation.invoice_id }),
      201,
    );
  }

  // ---- The bank --------------------------------------------------------------------------

  /** The statement line a pending line becomes today, or null when there is nothing to pay. */
  async function statementEntry(
    line: PendingLine,
    onThisStatement: Map<number, number>,
  ): Promise<StatementEntry | null> {
    const base = { bookingDate: line.bankDate, accountServicerReference: line.reference };
    if (line.payout) {
      return {
        ...base,
        direction: 'credit',
        transfers: [
          {
            amountCents: line.payout.amount,
            party: 'STRIPE PAYMENTS EUROPE LTD',
            text: `STRIPE PAYOUT ${line.payout.id}`,
          },
        ],
      };
    }
    if (line.refundOf) {
      const [refund] = await db.query<{ amount: string }[]>(
        `SELECT amount_cents AS amount FROM refunds WHERE booking_id = $1 AND status = 'instructed'`,
        [bookingOf.get(line.refundOf.index)],
      );
      if (!refund) return null;
      const invoice = await issuedInvoiceOf(line.refundOf);
      return {
        ...base,
        direction: 'debit',
        transfers: [
          {
            amountCents: Number(refund.amount),
            party: await organisationName(invoice.organisationId),
            text: `REMBOURSEMENT ${invoice.number}`,
          },
        ],
      };
    }
    const story = line.story!;
    const share = line.share!;
    const invoice = await issuedInvoiceOf(story);
    const owed = due(invoice) - (onThisStatement.get(story.index) ?? 0);
    if (owed <= 0) return null;
    const amountCents =
      share.share === 'part'
        ? Math.max(1, Math.round(owed * share.fraction!))
        : share.share === 'over'
          ? owed + share.extraCents!
          : owed;
    onThisStatement.set(story.index, (onThisStatement.get(story.index) ?? 0) + amountCents);
    const party = await organisationName(invoice.organisationId);
    if (!firstLineOf.has(story.index)) firstLineOf.set(story.index, line.reference);
    return {
      ...base,
      direction: 'credit',
      transfers: [
        story.method === 'cheque'
          ? { amountCents, party, text: `REMISE CHEQUE ${100_000 + story.index}` }
          : { amountCents, party, creditorReference: invoice.reference! },
      ],
    };
  }

  async function organisationName(organisationId: string): Promise<string> {
    const [{ name }] = await db.query<{ name: string }[]>(
      `SELECT legal_name AS name FROM organisations WHERE id = $1`,
      [organisationId],
    );
    return name;
  }

  /** Imports the lines the bank booked before today, then allocates by hand what matching left. */
  async function importStatement(): Promise<void> {
    const today = clock.today();
    const due = pendingLines.filter((line) => line.bankDate < today);
    if (due.length === 0) return;
    pendingLines.splice(
      0,
      pendingLines.length,
      ...pendingLines.filter((line) => line.bankDate >= today),
    );
    const written: { line: PendingLine; entry: StatementEntry }[] = [];
    /** What this statement already pays of each invoice (its lines are allocated together). */
    const onThisStatement = new Map<number, number>();
    const ordered = due.sort(
      (a, b) => a.bankDate.localeCompare(b.bankDate) || a.reference.localeCompare(b.reference),
    );
    for (const line of ordered) {
      const entry = await statementEntry(line, onThisStatement);
      if (entry) written.push({ line, entry });
    }
    if (written.length === 0) return;
    const accepted = await expectOk(
      as(finance)
        .post('/api/finance/bank-statements')
        .attach(
          'file',
          camt053(
            `SIM-${today}`,
            written.map(({ entry }) => entry),
          ),
          `releve-${today}.xml`,
        ),
      202,
    );
    // Followed in the database: polling the api would cost more than the import.
    for (;;) {
      const [{ status }] = await db.query<{ status: string }[]>(
        `SELECT status FROM bank_statement_imports WHERE id = $1`,
        [accepted.body.id],
      );
      if (status === 'done') break;
      if (status === 'failed') {
        const view = await as(finance).get(`/api/finance/bank-statements/${accepted.body.id}`);
        throw new Error(`statement ${today} failed: ${JSON.stringify(view.body)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    tally.statements++;
    tally.bankLines += written.length;
    for (const { line } of written) {
      if (line.story && line.bankDate < `${YEAR}-07-01` && today > plan.closing.day) {
        tally.lateBankLines.push({ reference: line.reference, bankDate: line.bankDate });
      }
      await allocateByHand(line);
    }
  }

  /** What finance does after matching: cheques allocated, refunds and payouts checked. */
  async function allocateByHand(line: PendingLine): Promise<void> {
    const [transaction] = await db.query<{ id: string; amount: string; allocated: string }[]>(
      `SELECT t.id, t.amount_cents AS amount,
              coalesce((SELECT sum(a.amount_cents) FROM bank_allocations a
                         WHERE a.transaction_id = t.id AND a.undone_at IS NULL), 0) AS allocated
         FROM bank_transactions t WHERE t.bank_reference = $1`,
      [line.reference],
    );
    if (!transaction) throw new Error(`line ${line.reference} was not imported`);
    if (Number(transaction.allocated) >= Number(transaction.amount)) return;
    if (line.refundOf) {
      const [refund] = await db.query<{ id: string }[]>(
        `SELECT id FROM refunds WHERE booking_id = $1 AND status = 'instructed'`,
        [bookingOf.get(line.refundOf.index)],
      );
      if (refund) {
        await expectOk(
          as(finance)
            .post(`/api/finance/bank-transactions/${transaction.id}/allocations`)
            .send({ refundId: refund.id }),
          201,
        );
      }
      return;
    }
    if (line.payout) throw new Error(`payout line ${line.reference} was not matched`);
    const invoice = await issuedInvoiceOf(line.story!);
    if (due(invoice) === 0) return;
    await expectOk(
      as(finance)
        .post(`/api/finance/bank-transactions/${transaction.id}/allocations`)
        .send({ invoiceId: invoice.id }),
      201,
    );
  }

  async function payout(day: string): Promise<void> {
    const arrival = nextBusinessDay(addDays(day, 1));
    let paid: { id: string; amount: number };
    try {
      paid = standIn.createPayout({
        arrival_date: Date.parse(`${arrival}T00:00:00Z`) / 1000,
      }) as { id: string; amount: number };
    } catch {
      return; // nothing to pay out this week
    }
    await webhook(standIn.event('payout.paid', paid));
    tally.payouts++;
    pendingLines.push({
      bankDate: arrival,
      reference: `SIM-PAYOUT-${paid.id}`,
      direction: 'credit',
      payout: paid,
    });
  }

  // ---- The books -------------------------------------------------------------------------

  async function validate(period: string): Promise<void> {
    await settle('books');
    await expectOk(as(finance).post(`/api/finance/accounting/periods/${period}/validate`), 200);
    tally.validations.push(`${period} on ${clock.today()}`);
  }

  async function closeHalfYear(): Promise<void> {
    await settle('books');
    for (const period of plan.closing.periods) {
      await expectOk(as(finance).post(`/api/finance/accounting/periods/${period}/close`), 200);
      tally.closed.push(period);
    }
  }

  async function exportYear(year: number): Promise<Buffer> {
    const response = await as(finance)
      .get(`/api/finance/exports/fec?year=${year}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    if (response.status !== 200) throw new Error(`export ${year}: ${response.status}`);
    expect(response.headers['content-type']).toContain('iso-8859-15');
    return response.body as Buffer;
  }

  // ---- The year --------------------------------------------------------------------------

  async function playDay(day: string, stories: Story[]): Promise<void> {
    await clock.moveTo(day);
    const validation = plan.validations.find((candidate) => candidate.day === day);
    if (validation) await timed('validation', () => validate(validation.period));
    if (day === plan.closing.day) await timed('closing', () => closeHalfYear());
    const planned = (agenda.get(day) ?? []).sort((a, b) => a.order - b.order);
    for (const { work } of planned) await timed('twists', work);
    agenda.delete(day);
    if (plan.payoutDays.includes(day)) await timed('payouts', () => payout(day));
    // Finance imports the bank's statements twice a week; around the closing they come late.
    const blackout = day >= plan.closing.blackoutFrom && day <= plan.closing.day;
    if (!blackout && [1, 4].includes(weekday(day))) {
      await timed('statements', () => importStatement());
    }
    // The day's bookings, a few at a time as members would.
    await timed('bookings', async () => {
      for (let start = 0; start < stories.length; start += 4) {
        await Promise.all(stories.slice(start, start + 4).map((story) => startBooking(story)));
      }
    });
    await timed('settling', () => settle('day'));
  }

  beforeAll(async () => {
    const started = performance.now();
    plan = planYear({
      seed: SEED,
      year: YEAR,
      invoices: INVOICES,
      members: MEMBERS,
      nonMembers: NON_MEMBERS,
    });
    // eslint-disable-next-line no-console -- the seed and the run's figures, for the report
    console.log(`year simulation: seed ${SEED}, ${INVOICES} bookings in ${YEAR}`);
    environment = await isolatedEnvironment('year');
    clock = await installSimulatedTime(environment.databaseUrl, `${YEAR}-01-02`);
    standIn = await StripeStandIn.start({ now: () => clock.now() });
    storage = mkdtempSync(join(tmpdir(), 'mutualis-year-'));
    const env = {
      ...environment.env,
      OUTBOX_POLL_MS: '50',
      STRIPE_SECRET_KEY: 'sk_test_yearsimulation',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE: standIn.url,
      INVOICE_STORAGE_DIR: storage,
      // The run lasts minutes: its tokens must outlive it.
      JWT_ACCESS_TTL_SECONDS: '7200',
    };
    app = await createTestApp(env);
    db = app.get(DataSource);
    member = await registerAndLogIn(app, 'year-member');
    finance = await registerAndLogIn(app, 'year-finance');
    // Finance's two-factor enrolment checks a code of the real time, before the clock moves.
    await grantPlatformRoles(app, finance, ['finance']);
    jest.spyOn(app.get(Clock), 'now').mockImplementation(() => clock.now());
    worker = await startInProcessWorker(env, clock);
    const connection = { host: '127.0.0.1', port: 6379 };
    queues = QUEUES.map(
      (name) => new Queue(name, { connection, prefix: `${environment.redisPrefix}:bull` }),
    );
    stripe = new Stripe('sk_test_yearsimulation', standIn.clientConfig());
    await configureChambre(db);
    await attestTrainingExemption(db, `${YEAR - 1}-06-01`);
    await seedCatalogue();
    await seedOrganisations();
    tally.phases.setup = performance.now() - started;

    const byDay = new Map<string, Story[]>();
    for (const story of plan.stories)
      byDay.set(story.day, [...(byDay.get(story.day) ?? []), story]);
    const yearStart = performance.now();
    const nodeCpuBefore = process.cpuUsage();
    const databaseCpuBefore = await databaseCpuMs();
    for (const day of businessDays(`${YEAR}-01-02`, `${YEAR}-12-31`)) {
      await playDay(day, byDay.get(day) ?? []);
    }
    // January: December validated on its third business day; the year as it stood, read.
    for (const day of businessDays(`${YEAR + 1}-01-01`, `${YEAR + 1}-01-05`)) {
      await playDay(day, []);
    }
    tally.phases.year = performance.now() - yearStart;
    const nodeCpu = process.cpuUsage(nodeCpuBefore);
    tally.phases['cpu of this process (api, worker, driver)'] =
      (nodeCpu.user + nodeCpu.system) / 1000;
    tally.phases['cpu of PostgreSQL'] = (await databaseCpuMs()) - databaseCpuBefore;
    await settle('all');
    yearEnd = await readYearEnd();
    firstExport = await exportYear(YEAR);

    // More weeks go by: last year's open invoices paid, new bookings, January validated. The
    // export of the year, validated already, does not change.
    for (const story of plan.stories) {
      const invoiceId = invoiceOf.get(story.index);
      if (!invoiceId || !['transfer', 'mandate'].includes(story.method)) continue;
      if (due(await invoiceFacts(invoiceId)) === 0) continue;
      pendingLines.push({
        bankDate: `${YEAR + 1}-01-12`,
        reference: `SIM-${story.index}-next-year`,
        direction: 'credit',
        story,
        share: { bankDate: `${YEAR + 1}-01-12`, share: 'due' },
      });
    }
    const january = planYear({
      seed: SEED + 1,
      year: YEAR + 1,
      invoices: 400,
      members: MEMBERS,
      nonMembers: NON_MEMBERS,
    }).stories.filter(
      (story) => story.day <= `${YEAR + 1}-02-04` && story.sessionDate <= `${YEAR + 1}-03-31`,
    );
    const januaryByDay = new Map<string, Story[]>();
    for (const story of january) {
      const renumbered = { ...story, index: 1_000_000 + story.index };
      januaryByDay.set(story.day, [...(januaryByDay.get(story.day) ?? []), renumbered]);
    }
    for (const day of businessDays(`${YEAR + 1}-01-06`, `${YEAR + 1}-02-04`)) {
      await playDay(day, januaryByDay.get(day) ?? []);
    }
    await clock.moveTo(`${YEAR + 1}-02-05`);
    await validate(`${YEAR + 1}-01`);
    secondExport = await exportYear(YEAR);
    nextYearExport = await exportYear(YEAR + 1);
    audit = auditFec(firstExport);
    tally.phases.total = performance.now() - started;
    const [refunds] = await db.query<{ stripe: number; transfer: number; credits: number }[]>(
      `SELECT count(*) FILTER (WHERE provider = 'stripe')::int AS stripe,
              count(*) FILTER (WHERE provider = 'bank_transfer')::int AS transfer,
              (SELECT count(*)::int FROM bank_allocations WHERE kind = 'organisation_credit') AS credits
         FROM refunds WHERE status IN ('succeeded', 'done') AND completed_at < $1`,
      [NEXT_YEAR_STARTS],
    );
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    // eslint-disable-next-line no-console -- what the year held and how long it took
    console.log(
      [
        `year simulation, seed ${SEED}: ${tally.bookings} bookings; in ${YEAR}, ${yearEnd.invoices.length} invoices (${yearEnd.invoices.filter((invoice) => invoice.total === 0).length} at zero) and ${yearEnd.creditNotes.length} credit notes`,
        `  ${tally.statements} statements (${tally.bankLines} lines, ${tally.lateBankLines.length} payments booked in the closed half-year and imported after), ${tally.reversals} allocations undone, ${refunds.credits} overpayments kept as credit, ${tally.cancellations} cancellations, ${refunds.stripe} refunds through Stripe and ${refunds.transfer} by transfer, ${tally.latePayments} SEPA debits settled after their booking expired (refunded), ${tally.payouts} payouts`,
        `  validated: ${tally.validations.join(', ')}; closed: ${tally.closed.join(', ')} on ${plan.closing.day}`,
        `  FEC ${YEAR}: ${audit.rows.length} rows, ${audit.entries.size} entries, ${firstExport.length} bytes`,
        `  time: ${Object.entries(tally.phases)
          .map(([phase, ms]) => `${phase} ${seconds(ms)}`)
          .join(', ')}`,
      ].join('\n'),
    );
  }, 3_600_000);

  afterAll(async () => {
    jest.restoreAllMocks();
    await Promise.all((queues ?? []).map((queue) => queue.close()));
    await worker?.close();
    await app?.close();
    await standIn?.stop();
    await environment?.drop();
    if (storage) rmSync(storage, { recursive: true, force: true });
  }, 120_000);

  /** The database's account of the year, read independently of the journal's tables. */
  async function readYearEnd(): Promise<typeof yearEnd> {
    const invoices = await db.query<
      {
        id: string;
        number: string;
        organisation_id: string;
        booking_id: string | null;
        total: string;
        paid: string;
        credited: string;
        status: string;
        reference: string | null;
        received: string;
        refunded: string;
        vat: string;
        credited_vat: string;
      }[]
    >(
      `SELECT i.id, i.number, i.organisation_id, i.booking_id, i.total_incl_vat_cents AS total,
              i.amount_paid_cents AS paid, i.amount_credited_cents AS credited, i.status,
              i.payment_reference AS reference, i.total_vat_cents AS vat,
              coalesce((SELECT sum(p.amount_cents) FROM invoice_payments p
                         WHERE p.invoice_id = i.id AND p.reversed_at IS NULL), 0) AS received,
              coalesce((SELECT sum(r.amount_cents) FROM refunds r
                         WHERE r.booking_id = i.booking_id AND r.status IN ('succeeded', 'done')
                           AND r.source NOT LIKE 'late-payment:%'
                           AND r.completed_at < $2), 0) AS refunded,
              coalesce((SELECT sum(c.total_vat_cents) FROM invoices c
                         WHERE c.corrects_invoice_id = i.id AND c.status <> 'draft'), 0) AS credited_vat
         FROM invoices i
        WHERE i.type = 'invoice' AND i.status <> 'draft' AND i.year = $1
        ORDER BY i.sequence`,
      [YEAR, NEXT_YEAR_STARTS],
    );
    const creditNotes = await db.query<{ number: string; total: string }[]>(
      `SELECT number, total_incl_vat_cents AS total FROM invoices
        WHERE type = 'credit_note' AND status <> 'draft' AND year = $1 ORDER BY sequence`,
      [YEAR],
    );
    const breakdown = await db.query<
      { regime: string; rate: number; sign: number; taxable: string; vat: string }[]
    >(
      `SELECT b.entry->>'vatRegime' AS regime, (b.entry->>'vatRateBasisPoints')::int AS rate,
              CASE i.type WHEN 'invoice' THEN 1 ELSE -1 END AS sign,
              sum((b.entry->>'taxableAmountCents')::bigint) AS taxable,
              sum((b.entry->>'vatAmountCents')::bigint) AS vat
         FROM invoices i CROSS JOIN LATERAL jsonb_array_elements(i.vat_breakdown) AS b(entry)
        WHERE i.status <> 'draft' AND i.year = $1
        GROUP BY 1, 2, 3`,
      [YEAR],
    );
    // The bank: every live allocation of a statement line, payouts posted at their arrival when
    // no line carried them, refunds finance marked made by hand.
    const [{ bank }] = await db.query<{ bank: string }[]>(
      `SELECT coalesce((SELECT sum(CASE WHEN a.kind = 'refund' THEN -a.amount_cents ELSE a.amount_cents END)
                          FROM bank_allocations a JOIN bank_transactions t ON t.id = a.transaction_id
                         WHERE a.undone_at IS NULL AND a.kind <> 'payout' AND t.booking_date < $1::date), 0)
            + coalesce((SELECT sum(p.amount_cents) FROM stripe_payouts p WHERE p.arrival_date < $1::date), 0)
            - coalesce((SELECT sum(r.amount_cents) FROM refunds r
                         WHERE r.status = 'done' AND r.provider = 'bank_transfer' AND r.completed_at < $2
                           AND NOT EXISTS (SELECT 1 FROM bank_allocations a
                                            WHERE a.refund_id = r.id AND a.undone_at IS NULL)), 0) AS bank`,
      [`${YEAR + 1}-01-01`, NEXT_YEAR_STARTS],
    );
    // Stripe's balance as Stripe keeps it: the net of every balance transaction of the year.
    let stripeBalance = 0;
    let stripeFees = 0;
    for await (const transaction of stripe.balanceTransactions.list({ limit: 100 })) {
      if (transaction.created >= NEXT_YEAR_STARTS.getTime() / 1000) continue;
      stripeBalance += transaction.net;
      stripeFees += transaction.fee;
    }
    const movementRows = await db.query<
      { invoice_id: string; piece: string; debit: string; credit: string }[]
    >(
      `SELECT i.id AS invoice_id, m.piece, m.debit, m.credit
         FROM invoices i
         CROSS JOIN LATERAL (
           SELECT coalesce(pay.stripe_payment_intent_id, t.bank_reference) AS piece, 0 AS debit,
                  p.amount_cents AS credit
             FROM invoice_payments p
             LEFT JOIN payments pay ON pay.id::text = p.reference
             LEFT JOIN bank_allocations a ON p.source = 'bank-allocation:' || a.id
             LEFT JOIN bank_transactions t ON t.id = a.transaction_id
            WHERE p.invoice_id = i.id
           UNION ALL
           SELECT coalesce(pay.stripe_payment_intent_id, t.bank_reference), p.amount_cents, 0
             FROM invoice_payments p
             LEFT JOIN payments pay ON pay.id::text = p.reference
             LEFT JOIN bank_allocations a ON p.source = 'bank-allocation:' || a.id
             LEFT JOIN bank_transactions t ON t.id = a.transaction_id
            WHERE p.invoice_id = i.id AND p.reversed_at IS NOT NULL
           UNION ALL
           SELECT c.number, 0, c.total_incl_vat_cents
             FROM invoices c WHERE c.corrects_invoice_id = i.id AND c.status <> 'draft'
           UNION ALL
           SELECT coalesce(r.stripe_refund_id,
                           (SELECT t.bank_reference FROM bank_allocations a
                              JOIN bank_transactions t ON t.id = a.transaction_id
                             WHERE a.refund_id = r.id AND a.undone_at IS NULL),
                           r.id::text),
                  r.amount_cents, 0
             FROM refunds r
            WHERE r.booking_id = i.booking_id AND r.status IN ('succeeded', 'done')
              AND r.source NOT LIKE 'late-payment:%' AND r.completed_at < $2
         ) m
        WHERE i.type = 'invoice' AND i.status <> 'draft' AND i.year = $1`,
      [YEAR, NEXT_YEAR_STARTS],
    );
    const movements = new Map<string, { piece: string; debit: number; credit: number }[]>();
    for (const row of movementRows) {
      movements.set(row.invoice_id, [
        ...(movements.get(row.invoice_id) ?? []),
        { piece: row.piece, debit: Number(row.debit), credit: Number(row.credit) },
      ]);
    }
    const withoutFee = await db.query<{ id: string; status: string; charge: string | null }[]>(
      `SELECT id, status, stripe_charge_id AS charge FROM payments
        WHERE provider = 'stripe' AND succeeded_at < $1 AND stripe_fee_cents IS NULL`,
      [NEXT_YEAR_STARTS],
    );
    return {
      invoices: invoices.map((row) => ({
        id: row.id,
        number: row.number,
        organisationId: row.organisation_id,
        bookingId: row.booking_id,
        total: Number(row.total),
        paid: Number(row.paid),
        credited: Number(row.credited),
        status: row.status,
        reference: row.reference,
        received: Number(row.received),
        refunded: Number(row.refunded),
        vat: Number(row.vat),
        creditedVat: Number(row.credited_vat),
      })),
      creditNotes: creditNotes.map((row) => ({ number: row.number, total: Number(row.total) })),
      breakdown: breakdown.map((row) => ({
        regime: row.regime,
        rate: row.rate,
        sign: row.sign,
        taxable: Number(row.taxable),
        vat: Number(row.vat),
      })),
      bank: Number(bank),
      stripeBalance,
      stripeFees,
      paymentsWithoutFee: withoutFee.map((row) => `${row.id} ${row.status} ${row.charge}`),
      movements,
    };
  }

  let byPiece: Map<string, FecRow[]> | null = null;
  /** The export's rows of a piece (an invoice's number, a bank line's reference…). */
  const rowsOf = (piece: string): FecRow[] => {
    if (!byPiece) {
      byPiece = new Map();
      for (const row of audit.rows)
        byPiece.set(row.PieceRef, [...(byPiece.get(row.PieceRef) ?? []), row]);
    }
    return byPiece.get(piece) ?? [];
  };
  const customerRow = (invoice: { number: string }): FecRow | undefined =>
    rowsOf(invoice.number).find((row) => row.CompteNum.startsWith('411'));

  it('passes the auditor: 18 columns, numbers continuous per journal, validation dates never going back, every entry balanced, letterings that net to zero', () => {
    expect(audit.problems).toEqual([]);
    expect(audit.rows.length).toBeGreaterThan(INVOICES * 2);
  });

  it('passes the auditor on the next year too, numbered from 1, with last year’s invoices paid this year unlettered in it', () => {
    const nextYear = auditFec(nextYearExport);
    expect(nextYear.problems).toEqual([]);
    expect(nextYear.entries.has(`VT/VT${YEAR + 1}-000001`)).toBe(true);
    // Their lettering takes in last year's line: it is not in this file (there are no opening
    // entries, the accounting software makes them).
    const paidLate = nextYear.rows.filter((row) => row.PieceRef.endsWith('-next-year'));
    expect(paidLate.length).toBeGreaterThan(0);
    expect(paidLate.filter((row) => row.EcritureLet !== '')).toEqual([]);
  });

  it('gives the same bytes when the year is exported again weeks later', () => {
    expect(secondExport.equals(firstExport)).toBe(true);
  });

  it('writes every invoice and credit note of the year in the sales journal once, zero-amount ones included', () => {
    const sales = new Map<string, number>();
    for (const [, rows] of audit.entries) {
      if (rows[0].JournalCode !== 'VT') continue;
      sales.set(rows[0].PieceRef, (sales.get(rows[0].PieceRef) ?? 0) + 1);
    }
    const documents = [...yearEnd.invoices, ...yearEnd.creditNotes].map((doc) => doc.number);
    expect(documents.filter((number) => sales.get(number) !== 1)).toEqual([]);
    expect(sales.size).toBe(documents.length);
    expect(yearEnd.invoices.some((invoice) => invoice.total === 0)).toBe(true);
  });

  it('letters every settled invoice with its payments, reversals, credit notes and refunds, and no other invoice', () => {
    const wrong: string[] = [];
    let settled = 0;
    for (const invoice of yearEnd.invoices) {
      const open = invoice.total - invoice.received - invoice.credited + invoice.refunded;
      const expected = open === 0 && invoice.total > 0;
      const row = customerRow(invoice);
      if (!row) {
        wrong.push(`${invoice.number}: no customer line`);
        continue;
      }
      if ((row.EcritureLet !== '') !== expected) {
        wrong.push(
          `${invoice.number} (${invoice.status}, total ${invoice.total}, received ${invoice.received}, credited ${invoice.credited}, refunded ${invoice.refunded}): ${row.EcritureLet === '' ? 'not lettered' : `lettered ${row.EcritureLet}`}`,
        );
        continue;
      }
      if (!expected) continue;
      settled++;
      // Each movement of the invoice is on the same customer account, with the same code (a
      // bank line may also carry, on that account, money kept as credit: not lettered).
      const expectedMovements = new Map<string, number>();
      for (const movement of yearEnd.movements.get(invoice.id) ?? []) {
        const key = `${movement.piece} ${movement.debit}/${movement.credit}`;
        expectedMovements.set(key, (expectedMovements.get(key) ?? 0) + 1);
      }
      for (const [key, count] of expectedMovements) {
        const [piece, amounts] = key.split(' ');
        const [debit, credit] = amounts.split('/').map(Number);
        const lettered = rowsOf(piece).filter(
          (candidate) =>
            candidate.CompAuxNum === row.CompAuxNum &&
            candidate.debitCents === debit &&
            candidate.creditCents === credit &&
            candidate.EcritureLet === row.EcritureLet,
        );
        if (lettered.length < count) {
          wrong.push(
            `${invoice.number} lettered ${row.EcritureLet}: ${count} × ${key}, ${lettered.length} lettered with it`,
          );
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(settled).toBeGreaterThan(INVOICES / 2);
  });

  it('holds the VAT of each rate: what invoices less credit notes charged, in 44571x and 44574x together', () => {
    const rates = [...new Set(yearEnd.breakdown.filter((b) => b.rate > 0).map((b) => b.rate))];
    expect(rates).toEqual([2000]);
    for (const rate of rates) {
      const vat = yearEnd.breakdown
        .filter((entry) => entry.rate === rate)
        .reduce((sum, entry) => sum + entry.sign * entry.vat, 0);
      const collected = -balanceOf(audit.rows, `44571${VAT_SUFFIX[rate]}`);
      const pending = -balanceOf(audit.rows, `44574${VAT_SUFFIX[rate]}`);
      expect({ rate, vat: collected + pending }).toEqual({ rate, vat });
      expect(vat).toBeGreaterThan(0);
    }
  });

  it('collects an invoice’s VAT as it is paid (CGI 269-2-c): all of it once settled, none while unpaid, the share of what is kept in between', () => {
    let expected = 0;
    let rounded = 0;
    let settled = 0;
    for (const invoice of yearEnd.invoices) {
      if (invoice.vat === 0) continue;
      // What the Chambre kept of the invoice's money, and what it still asks for.
      const kept = invoice.received - invoice.refunded;
      const owed = invoice.total - invoice.credited;
      if (kept === owed) {
        // Settled (or fully credited and nothing kept): its VAT, less its credit notes'.
        expected += kept === 0 ? 0 : invoice.vat - invoice.creditedVat;
        if (kept > 0) settled++;
      } else {
        // Partly paid, or paid and credited but not refunded yet: the VAT of the money kept.
        expected += (invoice.vat * kept) / invoice.total;
        rounded++;
      }
    }
    const collected = -balanceOf(audit.rows, '445711');
    // Each payment of a partly paid invoice rounds its share to the cent.
    expect({ collected, off: Math.abs(collected - expected) <= rounded }).toEqual({
      collected,
      off: true,
    });
    expect(settled).toBeGreaterThan(INVOICES / 4);
  });

  it('splits revenue by regime: taxable in 7061, exempt training in 7062, other exemptions and out of scope in 7063', () => {
    const revenue = (regimes: string[]) =>
      yearEnd.breakdown
        .filter((entry) => regimes.includes(entry.regime))
        .reduce((sum, entry) => sum + entry.sign * entry.taxable, 0);
    expect({
      '7061': -balanceOf(audit.rows, '7061'),
      '7062': -balanceOf(audit.rows, '7062'),
      '7063': -balanceOf(audit.rows, '7063'),
    }).toEqual({
      '7061': revenue(['standard']),
      '7062': revenue(['exempt_training']),
      '7063': revenue(['exempt_members', 'out_of_scope_disbursement', 'out_of_scope_subsidy']),
    });
    for (const account of ['7061', '7062', '7063']) {
      expect(balanceOf(audit.rows, account)).toBeLessThan(0);
    }
  });

  it('writes facts dated in the closed half-year on the first day of the next open month, and validates nothing in it after the closing', () => {
    expect(tally.lateBankLines.length).toBeGreaterThan(0);
    const closing = plan.closing.day.replace(/-/g, '');
    const moved: string[] = [];
    for (const [key, rows] of audit.entries) {
      const [first] = rows;
      if (first.EcritureDate <= `${YEAR}0630` && first.ValidDate > closing) {
        moved.push(`${key} dated ${first.EcritureDate} validated ${first.ValidDate}`);
      }
    }
    expect(moved).toEqual([]);
    for (const late of tally.lateBankLines) {
      const rows = rowsOf(late.reference);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect({ reference: late.reference, date: row.EcritureDate, piece: row.PieceDate }).toEqual(
          {
            reference: late.reference,
            date: `${YEAR}0701`,
            piece: late.bankDate.replace(/-/g, ''),
          },
        );
      }
    }
  });

  it('keeps in 512 what the bank statements and payouts say, in 467 what Stripe holds, in 627 Stripe’s fees', () => {
    expect(balanceOf(audit.rows, '512')).toBe(yearEnd.bank);
    expect({
      fees: balanceOf(audit.rows, '627'),
      unknownFees: yearEnd.paymentsWithoutFee,
    }).toEqual({ fees: yearEnd.stripeFees, unknownFees: [] });
    expect(balanceOf(audit.rows, '467')).toBe(yearEnd.stripeBalance);
  });

  it('leaves no job of the books failed', async () => {
    const failed: string[] = [];
    for (const queue of queues) {
      for (const job of await queue.getFailed())
        failed.push(`${queue.name}/${job.name}: ${job.failedReason}`);
    }
    expect(failed).toEqual([]);
  });
});
