import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Job, Queue } from 'bullmq';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Clock } from '@mutualis/core';
import {
  InvoicePdfService,
  InvoicingJobs,
  PublicProcurementReferences,
  RecordInvoicePaymentUseCase,
} from '@mutualis/invoicing';
import {
  ChorusProStandIn,
  configureChambre,
  DAY_MS,
  insertOrganisations,
  insertPublishedSession,
  validSiret,
} from '@mutualis/testing';
import {
  createOrganisation,
  registerAndLogIn,
  TestUser,
  userWithRoles,
} from '../support/api-client';
import { eventually, expectProblem, expectStatus } from '../support/expectations';
import { startInProcessWorker } from '../support/in-process-worker';
import { IsolatedEnvironment, isolatedEnvironment } from '../support/isolated-environment';
import { createTestApp } from '../support/test-app';

const DEPOSIT = '/cpro/factures/v1/deposer/flux';
const CONSULT = '/cpro/factures/v1/consulter/fournisseur';

interface IssuedInvoice {
  invoiceId: string;
  number: string;
  organisationId: string;
  bookingId: string;
  member: TestUser;
  /** A public body's Chorus Pro references, as its booking carried them. */
  references?: PublicProcurementReferences;
}

interface TransmissionRow {
  channel: string;
  state: string;
  external_flow_id: string | null;
  external_invoice_id: string | null;
  external_status: string | null;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date | null;
}

interface LifecycleRow {
  status: string;
  occurred_at: Date;
  reason: string | null;
  source: string;
}

/**
 * Public buyers' invoices through the real api and worker (outbox relay, BullMQ on Redis,
 * PostgreSQL) to a stand-in of Chorus Pro on loopback, with polling delays of a tenth of a second.
 */
describe('invoice transmission: Chorus Pro for public buyers, e-mail for the others', () => {
  let environment: IsolatedEnvironment;
  let app: NestExpressApplication;
  let worker: INestApplication;
  let db: DataSource;
  let standIn: ChorusProStandIn;
  let storage: string;
  let queue: Queue;
  let finance: TestUser;
  let admin: TestUser;

  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    standIn = await ChorusProStandIn.start();
    environment = await isolatedEnvironment('chorus');
    storage = mkdtempSync(join(tmpdir(), 'mutualis-chorus-'));
    const env = {
      ...environment.env,
      OUTBOX_POLL_MS: '50',
      INVOICE_STORAGE_DIR: storage,
      ...standIn.env(),
      CHORUS_PRO_POLL_INITIAL_MS: '100',
      CHORUS_PRO_POLL_MAX_MS: '400',
      CHORUS_PRO_RETRY_INITIAL_MS: '100',
      CHORUS_PRO_TIMEOUT_MS: '5000',
    };
    app = await createTestApp(env);
    db = app.get(DataSource);
    await configureChambre(db);
    worker = await startInProcessWorker(env, new Clock());
    queue = new Queue('invoicing', {
      connection: { host: '127.0.0.1', port: 6379 },
      prefix: `${environment.redisPrefix}:bull`,
    });
    [finance, admin] = await Promise.all([
      userWithRoles(app, 'chorus-finance', ['finance']),
      userWithRoles(app, 'chorus-admin', ['admin']),
    ]);
  });

  afterAll(async () => {
    await queue?.close();
    await worker?.close();
    await app?.close();
    await environment?.drop();
    await standIn?.stop();
    rmSync(storage, { recursive: true, force: true });
  });

  /**
   * A private buyer (a member SCOP) books one seat and pays by transfer: confirmed at once. A
   * public buyer is a commune the Chambre marks a public body, whose Chorus Pro structure
   * requires a service code and an engagement number: its booking carries both over HTTP and
   * the Chambre confirms it on an administrative mandate. Either way the worker issues the
   * invoice, the public one with `buyer.publicProcurement` read from the organisation and the
   * booking.
   */
  async function issuedInvoice(label: string, publicBuyer: boolean): Promise<IssuedInvoice> {
    const member = await registerAndLogIn(app, label);
    const { sessionId } = await insertPublishedSession(db, { startsInMs: 20 * DAY_MS });
    const attendees = [{ name: 'Agent public', email: `${label}@test.mutualis.fr` }];
    let organisationId: string;
    let references: PublicProcurementReferences | undefined;
    let bookingId: string;
    if (publicBuyer) {
      organisationId = await createOrganisation(app, member, {
        legalName: `Commune de ${label}`,
        legalForm: 'other',
        rna: null,
        vatRegistered: false,
      });
      references = {
        structureSiret: validSiret(),
        serviceCode: 'SERV-FORMATION',
        engagementNumber: `EJ-${label}`,
      };
      expectStatus(
        await api()
          .patch(`/api/organisations/${organisationId}`)
          .auth(admin.accessToken, { type: 'bearer' })
          .send({ isPublicBody: true }),
        200,
      );
      expectStatus(
        await api()
          .patch(`/api/organisations/${organisationId}`)
          .auth(member.accessToken, { type: 'bearer' })
          .send({
            chorusStructure: {
              structureSiret: references.structureSiret,
              serviceCodeRequired: true,
              engagementNumberRequired: true,
            },
          }),
        200,
      );
      const booked = await api()
        .post('/api/bookings')
        .auth(member.accessToken, { type: 'bearer' })
        .send({
          organisationId,
          sessionId,
          attendees,
          engagementNumber: references.engagementNumber,
          serviceCode: references.serviceCode,
        });
      expectStatus(booked, 201);
      bookingId = booked.body.id as string;
      expectStatus(
        await api()
          .post(`/api/bookings/${bookingId}/confirm`)
          .auth(admin.accessToken, { type: 'bearer' })
          .send({ method: 'administrative_mandate' }),
        200,
      );
    } else {
      [organisationId] = await insertOrganisations(db, member.id, 1);
      const booked = await api()
        .post('/api/bookings')
        .auth(member.accessToken, { type: 'bearer' })
        .send({ organisationId, sessionId, attendees });
      expectStatus(booked, 201);
      bookingId = booked.body.id as string;
      expectStatus(
        await api()
          .post(`/api/bookings/${bookingId}/checkout`)
          .auth(member.accessToken, { type: 'bearer' })
          .send({ method: 'bank_transfer' }),
        200,
      );
    }
    const [invoice] = await eventually(
      () =>
        db.query<{ id: string; number: string | null; pdf_path: string | null; buyer: object }[]>(
          `SELECT id, number, pdf_path, buyer FROM invoices WHERE booking_id = $1`,
          [bookingId],
        ),
      (rows) => Boolean(rows[0]?.number && rows[0].pdf_path),
      20_000,
    );
    expect(invoice?.number).toBeTruthy();
    // What decides the channel: the references on the invoice, or none for a private buyer.
    if (references) {
      expect(invoice.buyer).toMatchObject({ publicBody: true, publicProcurement: references });
    } else {
      expect(invoice.buyer).toMatchObject({ publicBody: false, publicProcurement: null });
    }
    return {
      invoiceId: invoice.id,
      number: invoice.number!,
      organisationId,
      bookingId,
      member,
      references,
    };
  }

  async function transmission(invoiceId: string): Promise<TransmissionRow | undefined> {
    const [row] = await db.query<TransmissionRow[]>(
      `SELECT channel, state, external_flow_id, external_invoice_id, external_status, attempts,
              last_error, next_attempt_at
         FROM invoice_transmissions WHERE invoice_id = $1`,
      [invoiceId],
    );
    return row;
  }

  async function transmissionIn(invoiceId: string, state: string, timeoutMs = 20_000) {
    const row = await eventually(
      () => transmission(invoiceId),
      (current) => current?.state === state,
      timeoutMs,
    );
    expect(row?.state).toBe(state);
    return row!;
  }

  function lifecycle(invoiceId: string): Promise<LifecycleRow[]> {
    return db.query<LifecycleRow[]>(
      `SELECT status, occurred_at, reason, source FROM invoice_lifecycle_events
        WHERE invoice_id = $1 ORDER BY occurred_at, recorded_at`,
      [invoiceId],
    );
  }

  function depositsOf(number: string) {
    return standIn.deposits.filter((deposit) => deposit.numeroFacture === number);
  }

  it('deposits the stored PDF on Chorus Pro and follows it to paid, recording each status once with its time', async () => {
    standIn.invoiceScript('MISE_A_DISPOSITION', 'SERVICE_FAIT', 'MANDATEE', 'MISE_EN_PAIEMENT');
    const invoice = await issuedInvoice('chorus-paid', true);

    const done = await transmissionIn(invoice.invoiceId, 'completed');

    const [deposit, ...more] = depositsOf(invoice.number);
    expect(more).toEqual([]);
    expect(deposit.syntaxeFlux).toBe('IN_DP_E2_CII_FACTURX');
    expect(deposit.nomFichier).toBe(`${invoice.number}.pdf`);
    const [{ pdf_path: pdfPath }] = await db.query<{ pdf_path: string }[]>(
      `SELECT pdf_path FROM invoices WHERE id = $1`,
      [invoice.invoiceId],
    );
    // The bytes stored (and hashed) when the invoice was issued, not a new rendering.
    expect(deposit.content.equals(readFileSync(join(storage, pdfPath)))).toBe(true);
    expect(done).toMatchObject({
      channel: 'chorus_pro',
      external_flow_id: deposit.numeroFluxDepot,
      external_invoice_id: String(standIn.invoiceIdOf(invoice.number)),
      external_status: 'MISE_EN_PAIEMENT',
      attempts: 0,
      last_error: null,
      next_attempt_at: null,
    });

    const onChorus = standIn.statusesOf(invoice.number);
    const at = (code: string) => onChorus.find((status) => status.code === code)!.at.toISOString();
    const recorded = await lifecycle(invoice.invoiceId);
    expect(
      recorded.map((event) => [event.status, event.source, event.occurred_at.toISOString()]),
    ).toEqual([
      ['issued', 'mutualis', expect.any(String)],
      ['deposited', 'chorus_pro', at('DEPOSEE')],
      ['made_available', 'chorus_pro', at('MISE_A_DISPOSITION')],
      // Service fait then mandatée: approved once, at the first.
      ['approved', 'chorus_pro', at('SERVICE_FAIT')],
      ['paid', 'chorus_pro', at('MISE_EN_PAIEMENT')],
    ]);

    // Paid: Chorus Pro is asked nothing more about it.
    const id = standIn.invoiceIdOf(invoice.number);
    const asked = () =>
      standIn.callsTo(CONSULT).filter((call) => call.body.identifiantFactureCPP === id).length;
    const before = asked();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(asked()).toBe(before);
  });

  it('e-mails a public buyer a notice that names its Chorus Pro references, never the PDF; a private buyer still gets the PDF', async () => {
    const publicInvoice = await issuedInvoice('chorus-mail', true);
    const privateInvoice = await issuedInvoice('private-mail', false);

    const deliveries = async (number: string) =>
      db.query<
        { template: string; attachments: { kind: string }[]; params: Record<string, unknown> }[]
      >(
        `SELECT template, attachments, params FROM notification_deliveries
          WHERE params ->> 'invoiceNumber' = $1 ORDER BY created_at`,
        [number],
      );
    const [notice, ...others] = await eventually(
      () => deliveries(publicInvoice.number),
      (rows) => rows.length > 0,
    );
    expect(others).toEqual([]);
    expect(notice).toMatchObject({
      template: 'invoice-chorus-notice',
      attachments: [],
      params: {
        structureSiret: publicInvoice.references!.structureSiret,
        serviceCode: 'SERV-FORMATION',
        engagementNumber: 'EJ-chorus-mail',
      },
    });

    const [mail] = await eventually(
      () => deliveries(privateInvoice.number),
      (rows) => rows.length > 0,
    );
    expect(mail).toMatchObject({
      template: 'invoice-issued',
      attachments: [{ kind: 'invoice-pdf', invoiceId: privateInvoice.invoiceId }],
    });
    // The e-mail is its channel: handed to the mail, nothing deposited anywhere.
    expect(await transmissionIn(privateInvoice.invoiceId, 'delegated')).toMatchObject({
      channel: 'email',
    });
    expect(depositsOf(privateInvoice.number)).toEqual([]);
  });

  it('shows finance a file Chorus Pro rejected, with its reason, in the list and on the invoice', async () => {
    standIn.flowOutcomes({
      reject: 'Le SIRET du destinataire n’est pas référencé dans Chorus Pro',
    });
    const invoice = await issuedInvoice('chorus-flux-rejected', true);

    await transmissionIn(invoice.invoiceId, 'rejected');

    const list = await api()
      .get('/api/finance/invoice-transmissions?channel=chorus_pro&state=rejected&limit=100')
      .auth(finance.accessToken, { type: 'bearer' })
      .expect(200);
    const item = (list.body.items as { invoiceId: string }[]).find(
      (each) => each.invoiceId === invoice.invoiceId,
    );
    expect(item).toMatchObject({
      invoiceNumber: invoice.number,
      channel: 'chorus_pro',
      state: 'rejected',
      externalStatus: 'IN_REJETE',
      lastStatus: 'rejected',
      rejectionReason: 'Le SIRET du destinataire n’est pas référencé dans Chorus Pro',
    });
    const detail = await api()
      .get(`/api/invoices/${invoice.invoiceId}/transmission`)
      .auth(finance.accessToken, { type: 'bearer' })
      .expect(200);
    expect(detail.body).toMatchObject({
      channel: 'chorus_pro',
      state: 'rejected',
      lifecycle: [
        { status: 'issued', source: 'mutualis', reason: null },
        {
          status: 'rejected',
          source: 'chorus_pro',
          reason: 'Le SIRET du destinataire n’est pas référencé dans Chorus Pro',
        },
      ],
    });
    // The member sees the same statuses, not our side's errors and retries.
    const mine = await api()
      .get(`/api/invoices/${invoice.invoiceId}/transmission`)
      .auth(invoice.member.accessToken, { type: 'bearer' })
      .expect(200);
    expect(mine.body).toMatchObject({ state: 'rejected', attempts: null, nextAttemptAt: null });
    expect(mine.body.lifecycle).toEqual(detail.body.lifecycle);
    // Rejected is final: nothing is deposited again.
    expect(depositsOf(invoice.number)).toHaveLength(1);
  });

  it('records an invoice the buyer rejected on Chorus Pro with its motif, and stops following it', async () => {
    standIn.invoiceScript('MISE_A_DISPOSITION', {
      code: 'REJETEE',
      comment: 'Numéro d’engagement juridique inconnu',
    });
    const invoice = await issuedInvoice('chorus-invoice-rejected', true);

    await transmissionIn(invoice.invoiceId, 'rejected');

    const recorded = await lifecycle(invoice.invoiceId);
    expect(recorded.map((event) => [event.status, event.reason])).toEqual([
      ['issued', null],
      ['deposited', null],
      ['made_available', null],
      ['rejected', 'Numéro d’engagement juridique inconnu'],
    ]);
    const list = await api()
      .get('/api/finance/invoice-transmissions?state=rejected')
      .auth(finance.accessToken, { type: 'bearer' })
      .expect(200);
    expect(list.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          invoiceId: invoice.invoiceId,
          externalStatus: 'REJETEE',
          rejectionReason: 'Numéro d’engagement juridique inconnu',
        }),
      ]),
    );
  });

  it('retries with a growing delay while Chorus Pro is down, keeping the error in sight, and deposits once when it is back', async () => {
    standIn.down();
    try {
      const invoice = await issuedInvoice('chorus-down', true);
      const waiting = await eventually(
        () => transmission(invoice.invoiceId),
        (row) => (row?.attempts ?? 0) >= 3,
      );
      expect(waiting).toMatchObject({ state: 'pending', external_flow_id: null });
      expect(waiting?.last_error).toContain('503');
      expect(waiting?.next_attempt_at).toBeInstanceOf(Date);
      expect(depositsOf(invoice.number)).toEqual([]);

      standIn.up();
      const back = await transmissionIn(invoice.invoiceId, 'processing');
      expect(back).toMatchObject({ attempts: 0, last_error: null });
      expect(depositsOf(invoice.number)).toHaveLength(1);
    } finally {
      standIn.up();
    }
  });

  it('gets one new token when PISTE expires the current one early, and deposits once', async () => {
    // The worker holds a token (from this first invoice): it dies as the next deposit arrives.
    const first = await issuedInvoice('chorus-token-first', true);
    await transmissionIn(first.invoiceId, 'processing');
    standIn.expireTokensOnNextCallTo('/factures/v1/deposer/flux');
    const tokensBefore = standIn.tokensIssued;
    const depositCallsBefore = standIn.callsTo(DEPOSIT).length;

    const invoice = await issuedInvoice('chorus-token', true);
    await transmissionIn(invoice.invoiceId, 'processing');

    expect(standIn.tokensIssued).toBe(tokensBefore + 1);
    expect(
      standIn
        .callsTo(DEPOSIT)
        .slice(depositCallsBefore)
        .map((call) => call.status),
    ).toEqual([401, 200]);
    expect(depositsOf(invoice.number)).toHaveLength(1);
  });

  it('deposits once when its first step is delivered again, and the PDF step run again queues nothing', async () => {
    const invoice = await issuedInvoice('chorus-redelivered', true);
    await transmissionIn(invoice.invoiceId, 'processing');
    // The issuing job retried after its PDF was stored: nothing is stored nor queued again.
    await app.get(InvoicePdfService).ensure(invoice.invoiceId);

    const jobs = await Promise.all(
      [0, 0].map(() =>
        queue.add(
          InvoicingJobs.AdvanceTransmission,
          { invoiceId: invoice.invoiceId, step: 0 },
          { jobId: `redelivered-${randomUUID()}` },
        ),
      ),
    );

    expect(await Promise.all(jobs.map(outcomeOf))).toEqual([
      { outcome: 'stale' },
      { outcome: 'stale' },
    ]);
    expect(depositsOf(invoice.number)).toHaveLength(1);
  });

  it('records « encaissée » once, at the payment’s time, when a payment settles an invoice, whatever its channel', async () => {
    const invoice = await issuedInvoice('collected', false);
    const [{ total }] = await db.query<{ total: string }[]>(
      `SELECT total_incl_vat_cents AS total FROM invoices WHERE id = $1`,
      [invoice.invoiceId],
    );
    const pay = (amountCents: number, source: string) =>
      app.get(RecordInvoicePaymentUseCase).execute({
        bookingId: invoice.bookingId,
        source,
        amountCents,
        method: 'bank_transfer',
      });

    await pay(1_000, `test:${randomUUID()}`);
    const settling = `test:${randomUUID()}`;
    await pay(Number(total) - 1_000, settling);

    const recorded = await eventually(
      () => lifecycle(invoice.invoiceId),
      (rows) => rows.some((row) => row.status === 'collected'),
    );
    const [{ received_at: receivedAt }] = await db.query<{ received_at: Date }[]>(
      `SELECT received_at FROM invoice_payments WHERE source = $1`,
      [settling],
    );
    expect(recorded.filter((row) => row.status === 'collected')).toEqual([
      { status: 'collected', occurred_at: receivedAt, reason: null, source: 'mutualis' },
    ]);
  });

  it('keeps the lifecycle append-only and the transmission a record: refused to the app, and to the owner by triggers', async () => {
    const invoice = await issuedInvoice('append-only', false);
    await transmissionIn(invoice.invoiceId, 'delegated');
    const attempts = [
      `UPDATE invoice_lifecycle_events SET reason = 'x' WHERE invoice_id = $1`,
      `DELETE FROM invoice_lifecycle_events WHERE invoice_id = $1`,
      `DELETE FROM invoice_transmissions WHERE invoice_id = $1`,
    ];
    for (const statement of attempts) {
      await expect(db.query(statement, [invoice.invoiceId])).rejects.toThrow(/permission denied/);
    }
    const owner = new Client({ connectionString: environment.databaseUrl });
    await owner.connect();
    try {
      const refusals: string[] = [];
      for (const statement of attempts) {
        refusals.push(
          await owner.query(statement, [invoice.invoiceId]).then(
            () => 'done',
            (error: Error) => error.message,
          ),
        );
      }
      expect(refusals).toEqual([
        expect.stringContaining('append-only'),
        expect.stringContaining('append-only'),
        expect.stringContaining('never deleted'),
      ]);
      await expect(
        owner.query(`UPDATE invoice_transmissions SET channel = 'pa' WHERE invoice_id = $1`, [
          invoice.invoiceId,
        ]),
      ).rejects.toThrow(/keeps its invoice and its channel/);
    } finally {
      await owner.end();
    }
  });

  it('pages the finance list and refuses bad filters and other users with a problem', async () => {
    const first = await api()
      .get('/api/finance/invoice-transmissions?limit=2')
      .auth(finance.accessToken, { type: 'bearer' })
      .expect(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await api()
      .get(`/api/finance/invoice-transmissions?limit=2&cursor=${first.body.nextCursor}`)
      .auth(finance.accessToken, { type: 'bearer' })
      .expect(200);
    const ids = (page: { body: { items: { invoiceId: string }[] } }) =>
      page.body.items.map((item) => item.invoiceId);
    expect(ids(second).some((id) => ids(first).includes(id))).toBe(false);

    const email = await api()
      .get('/api/finance/invoice-transmissions?channel=email&limit=100')
      .auth(finance.accessToken, { type: 'bearer' })
      .expect(200);
    expect(email.body.items.length).toBeGreaterThan(0);
    expect(new Set(email.body.items.map((item: { channel: string }) => item.channel))).toEqual(
      new Set(['email']),
    );

    for (const query of ['channel=fax', 'state=lost', 'limit=0', 'cursor=forged']) {
      const refused = await api()
        .get(`/api/finance/invoice-transmissions?${query}`)
        .auth(finance.accessToken, { type: 'bearer' });
      expectProblem(refused, 400);
    }
    const member = await registerAndLogIn(app, 'chorus-nosy');
    expectProblem(
      await api()
        .get('/api/finance/invoice-transmissions')
        .auth(member.accessToken, { type: 'bearer' }),
      403,
    );
    const someoneElses = first.body.items[0].invoiceId as string;
    expectProblem(
      await api()
        .get(`/api/invoices/${someoneElses}/transmission`)
        .auth(member.accessToken, { type: 'bearer' }),
      404,
    );
  });

  async function outcomeOf(job: Job): Promise<unknown> {
    const state = await eventually(
      () => job.getState(),
      (current) => current === 'completed' || current === 'failed',
    );
    expect(state).toBe('completed');
    return (await queue.getJob(job.id!))?.returnvalue;
  }
});
