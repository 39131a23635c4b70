import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DateTime } from 'luxon';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Queue } from 'bullmq';
import { checkFecBalance, FEC_COLUMNS } from '@mutualis/accounting';
import { configureChambre, insertOrganisations, insertPublishedSession } from '@mutualis/testing';
import { grantPlatformRoles, registerAndLogIn, TestUser } from '../support/api-client';
import { eventually } from '../support/expectations';
import { sql } from '../support/test-app';
import { startWorkerHarness, WorkerHarness } from '../support/worker-harness';
import { camt053, frenchCsv, latin9 } from './statements';

interface Invoice {
  id: string;
  number: string;
  reference: string;
  totalCents: number;
  organisationId: string;
}

interface ImportView {
  id: string;
  status: string;
  error: { message: string; location: string | null } | null;
  result: Record<string, number | null>;
}

// Finance's morning: statements imported through the api and parsed by the built worker,
// lines matched with the invoices the worker issued, the rest allocated by hand.
describe('reconciliation', () => {
  let harness: WorkerHarness;
  let app: NestExpressApplication;
  let db: DataSource;
  let storage: string;
  let finance: TestUser;
  let member: TestUser;
  const invoices: Record<string, Invoice> = {};
  const today = DateTime.now().setZone('Europe/Paris').toISODate()!;

  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    storage = mkdtempSync(join(tmpdir(), 'mutualis-reconciliation-'));
    harness = await startWorkerHarness('recon', { INVOICE_STORAGE_DIR: storage });
    ({ app, db } = harness);
    await configureChambre(db);
    finance = await registerAndLogIn(app, 'recon-finance');
    await grantPlatformRoles(app, finance, ['finance']);
    member = await registerAndLogIn(app, 'recon-member');
    const organisations = await insertOrganisations(db, member.id, 4);
    const names = [
      'Association Les Jardins Partagés du Panier',
      'SCOP Le Relais Solidaire',
      'Mutuelle des Calanques',
      'Fondation Horizon Provence',
    ];
    for (const [index, id] of organisations.entries()) {
      await sql(app, `UPDATE organisations SET legal_name = $2 WHERE id = $1`, [id, names[index]]);
    }
    // Six invoices of different amounts (member price + 20 % VAT), paid by transfer.
    const plan: [string, number, number][] = [
      ['A', 0, 10_000],
      ['B', 1, 15_000],
      ['C', 2, 20_000],
      ['D', 3, 25_000],
      ['E', 0, 12_500],
      ['F', 1, 17_500],
      ['G', 3, 11_000],
      ['H', 3, 13_000],
      ['R', 2, 9_000],
    ];
    for (const [label, organisation, priceCents] of plan) {
      const { sessionId } = await insertPublishedSession(db, { memberPriceCents: priceCents });
      const booked = await api()
        .post('/api/bookings')
        .auth(member.accessToken, { type: 'bearer' })
        .send({
          organisationId: organisations[organisation],
          sessionId,
          attendees: [{ name: 'Claire Roux', email: 'claire@test.mutualis.fr' }],
        })
        .expect(201);
      await api()
        .post(`/api/bookings/${booked.body.id}/checkout`)
        .auth(member.accessToken, { type: 'bearer' })
        .send({ method: 'bank_transfer' })
        .expect(200);
      const [row] = await eventually(
        () =>
          db.query<
            {
              id: string;
              number: string | null;
              payment_reference: string;
              total_incl_vat_cents: string;
              organisation_id: string;
            }[]
          >(
            `SELECT id, number, payment_reference, total_incl_vat_cents, organisation_id
               FROM invoices WHERE booking_id = $1`,
            [booked.body.id],
          ),
        (rows) => rows[0]?.number != null,
        20_000,
      );
      if (label === 'R') {
        // Paid by transfer (reconciliation's work, done by hand here), then cancelled: finance
        // owes the member a transfer back.
        await sql(app, `UPDATE payments SET status = 'succeeded' WHERE booking_id = $1`, [
          booked.body.id,
        ]);
        await api()
          .post(`/api/bookings/${booked.body.id}/cancel`)
          .auth(member.accessToken, { type: 'bearer' })
          .send({})
          .expect(200);
        await eventually(
          () =>
            db.query<{ status: string }[]>(`SELECT status FROM refunds WHERE booking_id = $1`, [
              booked.body.id,
            ]),
          (rows) => rows[0]?.status === 'instructed',
          20_000,
        );
      }
      invoices[label] = {
        id: row.id,
        number: row.number!,
        reference: row.payment_reference,
        totalCents: Number(row.total_incl_vat_cents),
        organisationId: row.organisation_id,
      };
    }
  }, 120_000);

  afterAll(async () => {
    await harness?.stop();
    rmSync(storage, { recursive: true, force: true });
  });

  async function upload(
    content: Buffer,
    fileName: string,
    profile?: string,
  ): Promise<{ accepted: ImportView; done: ImportView }> {
    const call = api()
      .post('/api/finance/bank-statements')
      .auth(finance.accessToken, { type: 'bearer' })
      .attach('file', content, fileName);
    if (profile) call.field('profile', profile);
    const accepted = await call.expect(202);
    const done = await eventually(
      async () =>
        (
          await api()
            .get(`/api/finance/bank-statements/${accepted.body.id}`)
            .auth(finance.accessToken, { type: 'bearer' })
            .expect(200)
        ).body as ImportView,
      (view) => view.status === 'done' || view.status === 'failed',
      30_000,
    );
    return { accepted: accepted.body as ImportView, done };
  }

  async function linesOf(importId: string) {
    return db.query<
      {
        id: string;
        source: string;
        status: string;
        amount_cents: string;
        allocated_cents: string;
        remittance_info: string | null;
      }[]
    >(
      `SELECT id, source, status, amount_cents, allocated_cents, remittance_info
         FROM bank_transactions WHERE import_id = $1 ORDER BY source`,
      [importId],
    );
  }

  async function invoiceStatus(label: string) {
    const [row] = await db.query<{ status: string; amount_paid_cents: string }[]>(
      `SELECT status, amount_paid_cents FROM invoices WHERE id = $1`,
      [invoices[label].id],
    );
    return { status: row.status, paidCents: Number(row.amount_paid_cents) };
  }

  const statement = () =>
    camt053('STMT-2026-11-26', [
      // 1. The RF reference of A: certain.
      {
        direction: 'credit',
        bookingDate: today,
        accountServicerReference: 'BANK-0001',
        transfers: [
          {
            amountCents: invoices.A.totalCents,
            party: 'ASSOC LES JARDINS PARTAGES',
            creditorReference: invoices.A.reference,
            endToEndId: 'E2E-0001',
          },
        ],
      },
      // 2. A batched credit of three transfers.
      {
        direction: 'credit',
        bookingDate: today,
        accountServicerReference: 'BANK-0002',
        transfers: [
          {
            amountCents: invoices.E.totalCents,
            party: 'JARDINS PARTAGES DU PANIER',
            creditorReference: invoices.E.reference,
            endToEndId: 'E2E-0002-1',
          },
          {
            amountCents: invoices.B.totalCents,
            party: 'LE RELAIS SOLIDAIRE',
            text: `Règlement facture ${invoices.B.number.replace(/-/g, '')}`,
            endToEndId: 'E2E-0002-2',
          },
          {
            amountCents: 1_234,
            party: 'M JEAN DUPONT',
            text: 'DON',
            endToEndId: 'E2E-0002-3',
          },
        ],
      },
      // 3. A debit: the refund finance owed the Mutuelle, sent.
      {
        direction: 'debit',
        bookingDate: today,
        accountServicerReference: 'BANK-0003',
        transfers: [
          {
            amountCents: invoices.R.totalCents,
            party: 'MUTUELLE DES CALANQUES',
            text: 'REMBOURSEMENT',
          },
        ],
      },
      // 4. D's organisation, no reference, 5 € short: a suggestion for a person.
      {
        direction: 'credit',
        bookingDate: today,
        accountServicerReference: 'BANK-0004',
        transfers: [
          {
            amountCents: invoices.D.totalCents - 500,
            party: 'FONDATION HORIZON PROVENCE',
            text: 'FORMATION',
          },
        ],
      },
      // 5. F's reference with 10 € too much: F paid, the rest kept as the organisation's credit.
      {
        direction: 'credit',
        bookingDate: today,
        accountServicerReference: 'BANK-0005',
        transfers: [
          {
            amountCents: invoices.F.totalCents + 1_000,
            party: 'SCOP LE RELAIS',
            creditorReference: invoices.F.reference,
          },
        ],
      },
      // 6. Not booked yet: not money that moved.
      {
        direction: 'credit',
        bookingDate: today,
        accountServicerReference: 'BANK-0006',
        status: 'PDNG',
        transfers: [{ amountCents: 99_900, party: 'INCONNU' }],
      },
    ]);

  it('imports a CAMT.053 statement and matches, suggests or leaves each line, splitting batched entries', async () => {
    const { done } = await upload(statement(), 'releve-2026-11-26.xml');
    expect(done).toMatchObject({
      status: 'done',
      error: null,
      result: {
        transactionsFound: 7,
        transactionsAdded: 7,
        duplicates: 0,
        matched: 5,
        suggested: 1,
        unmatched: 1,
      },
    });
    const lines = await linesOf(done.id);
    expect(lines.map((line) => [line.source, line.status])).toEqual([
      ['Stmt[1]/Ntry[1]', 'matched'],
      ['Stmt[1]/Ntry[2]/TxDtls[1]', 'matched'],
      ['Stmt[1]/Ntry[2]/TxDtls[2]', 'matched'],
      ['Stmt[1]/Ntry[2]/TxDtls[3]', 'unmatched'],
      ['Stmt[1]/Ntry[3]', 'matched'],
      ['Stmt[1]/Ntry[4]', 'suggested'],
      ['Stmt[1]/Ntry[5]', 'matched'],
    ]);
    expect(await invoiceStatus('A')).toEqual({ status: 'paid', paidCents: invoices.A.totalCents });
    expect(await invoiceStatus('E')).toMatchObject({ status: 'paid' });
    expect(await invoiceStatus('B')).toMatchObject({ status: 'paid' });
    expect(await invoiceStatus('F')).toMatchObject({ status: 'paid' });
    expect(await invoiceStatus('D')).toEqual({ status: 'issued', paidCents: 0 });
    // The refund transfer settled the instruction: finance no longer owes it.
    const [refund] = await db.query<{ status: string; completed_by: string | null }[]>(
      `SELECT r.status, r.completed_by FROM refunds r JOIN bookings b ON b.id = r.booking_id
        JOIN invoices i ON i.booking_id = b.id AND i.id = $1`,
      [invoices.R.id],
    );
    expect(refund).toEqual({ status: 'done', completed_by: null });

    // The suggestion names D with a score and its reasons, in French by default.
    const suggested = await api()
      .get('/api/finance/bank-transactions?status=suggested')
      .auth(finance.accessToken, { type: 'bearer' })
      .expect(200);
    const line = suggested.body.items.find(
      (item: { amountCents: number }) => item.amountCents === invoices.D.totalCents - 500,
    );
    expect(line.suggestions[0]).toMatchObject({
      invoiceId: invoices.D.id,
      invoiceNumber: invoices.D.number,
      score: expect.any(Number),
    });
    expect(line.suggestions[0].score).toBeLessThan(0.95);
    expect(line.suggestions[0].reasons.map((reason: { code: string }) => reason.code)).toContain(
      'payer_name',
    );
    expect(line.suggestions[0].reasons[0].text).toEqual(expect.any(String));

    // The overpayment's excess is the organisation's credit, shown in its receivables.
    const receivables = await api()
      .get('/api/finance/receivables')
      .auth(finance.accessToken, { type: 'bearer' })
      .expect(200);
    const relais = receivables.body.organisations.find(
      (row: { organisationId: string }) => row.organisationId === invoices.F.organisationId,
    );
    expect(relais.creditCents).toBe(1_000);

    // The same file again, and a statement overlapping it, add nothing.
    const again = await upload(statement(), 'releve-2026-11-26-bis.xml');
    expect(again.done.result).toMatchObject({
      transactionsFound: 7,
      transactionsAdded: 0,
      duplicates: 7,
    });
    const [{ count }] = await db.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM bank_transactions`,
    );
    expect(count).toBe(7);
  });

  it('imports French CSV exports in UTF-8 and ISO-8859-15, a partial payment, and the same line twice only once', async () => {
    const partial = 5_000;
    const utf8 = frenchCsv([
      {
        date: today,
        label: `VIR SEPA MUTUELLE DES CALANQUES FACT ${invoices.C.number} ACOMPTE`,
        creditCents: partial,
      },
      { date: today, label: 'PRLV SEPA ÉNERGIES RÉUNIES', debitCents: 8_990 },
      // One transfer paying two invoices.
      {
        date: today,
        label: `VIR FONDATION HORIZON FACTURES ${invoices.G.number} ET ${invoices.H.number}`,
        creditCents: invoices.G.totalCents + invoices.H.totalCents,
      },
    ]);
    const first = await upload(Buffer.from('\uFEFF' + utf8, 'utf8'), 'export.csv');
    expect(first.done).toMatchObject({
      status: 'done',
      result: { transactionsFound: 3, transactionsAdded: 3, matched: 2, unmatched: 1 },
    });
    expect(await invoiceStatus('C')).toEqual({ status: 'partially_paid', paidCents: partial });
    expect(await invoiceStatus('G')).toEqual({ status: 'paid', paidCents: invoices.G.totalCents });
    expect(await invoiceStatus('H')).toEqual({ status: 'paid', paidCents: invoices.H.totalCents });

    // The next export in ISO-8859-15 overlaps it by one line, and brings one new.
    const latin = frenchCsv([
      { date: today, label: 'PRLV SEPA ÉNERGIES RÉUNIES', debitCents: 8_990 },
      { date: today, label: 'VIR M. FRANÇOIS LÉGER - COTISATION 12 €', creditCents: 4_200 },
    ]);
    const second = await upload(latin9(latin), 'export-latin9.csv');
    expect(second.done.result).toMatchObject({
      transactionsFound: 2,
      transactionsAdded: 1,
      duplicates: 1,
      unmatched: 1,
    });
    const [added] = await linesOf(second.done.id);
    expect(added.remittance_info).toBe('VIR M. FRANÇOIS LÉGER - COTISATION 12 €');
  });

  it('moves an invoice to paid on the balance, back on an undo, with both in the audit trail', async () => {
    const remaining = invoices.C.totalCents - 5_000;
    const { done } = await upload(
      Buffer.from(
        frenchCsv([{ date: today, label: 'VIR INST CALANQUES SOLDE', creditCents: remaining }]),
        'utf8',
      ),
      'solde.csv',
    );
    const [line] = await linesOf(done.id);
    expect(line.status).not.toBe('matched');

    const allocated = await api()
      .post(`/api/finance/bank-transactions/${line.id}/allocations`)
      .auth(finance.accessToken, { type: 'bearer' })
      .send({ invoiceId: invoices.C.id })
      .expect(201);
    expect(allocated.body).toMatchObject({ status: 'matched', allocatedCents: remaining });
    expect(await invoiceStatus('C')).toEqual({ status: 'paid', paidCents: invoices.C.totalCents });

    const allocationId = allocated.body.allocations[0].id as string;
    const undone = await api()
      .delete(`/api/finance/bank-transactions/${line.id}/allocations/${allocationId}`)
      .auth(finance.accessToken, { type: 'bearer' })
      .expect(200);
    expect(undone.body).toMatchObject({ allocatedCents: 0, allocations: [] });
    expect(undone.body.status).not.toBe('matched');
    expect(await invoiceStatus('C')).toEqual({ status: 'partially_paid', paidCents: 5_000 });

    const audit = await api()
      .get(`/api/finance/bank-transactions/${line.id}/audit`)
      .auth(finance.accessToken, { type: 'bearer' })
      .expect(200);
    expect(audit.body).toEqual([
      expect.objectContaining({
        action: 'allocate',
        actorId: finance.id,
        allocationId,
        amountCents: remaining,
      }),
      expect.objectContaining({
        action: 'undo',
        actorId: finance.id,
        allocationId,
        amountCents: remaining,
      }),
    ]);

    // Undone twice, or more than the line holds: refused, nothing changed.
    await api()
      .delete(`/api/finance/bank-transactions/${line.id}/allocations/${allocationId}`)
      .auth(finance.accessToken, { type: 'bearer' })
      .expect(409);
    await api()
      .post(`/api/finance/bank-transactions/${line.id}/allocations`)
      .auth(finance.accessToken, { type: 'bearer' })
      .send({ invoiceId: invoices.D.id, amountCents: remaining + 1 })
      .expect(422);
    expect(await invoiceStatus('D')).toEqual({ status: 'issued', paidCents: 0 });
  });

  it('rejects a truncated XML file and a CSV with a bad amount, naming the fault and keeping nothing', async () => {
    const whole = statement().toString('utf8');
    const truncated = await upload(
      Buffer.from(whole.slice(0, Math.floor(whole.length / 2))),
      'cut.xml',
    );
    expect(truncated.done).toMatchObject({
      status: 'failed',
      error: { location: expect.stringMatching(/line \d+/) },
    });

    const badAmount = frenchCsv([
      { date: today, label: 'VIR OK', creditCents: 1_000 },
      { date: today, label: 'VIR KO', creditCents: 2_000 },
    ]).replace('20,00', '20,0,0');
    const rejected = await upload(Buffer.from(badAmount, 'utf8'), 'bad.csv');
    expect(rejected.done.status).toBe('failed');
    expect(rejected.done.error!.location).toBe('line 6');
    expect(rejected.done.error!.message).toMatch(/Crédit/);
    for (const failed of [truncated.done.id, rejected.done.id]) {
      expect(await linesOf(failed)).toEqual([]);
      const [row] = await db.query<{ content: Buffer | null }[]>(
        `SELECT content FROM bank_statement_imports WHERE id = $1`,
        [failed],
      );
      expect(row.content).toBeNull();
    }

    // Refused in the request: no file, an unknown CSV profile.
    await api()
      .post('/api/finance/bank-statements')
      .auth(finance.accessToken, { type: 'bearer' })
      .expect(400);
    await api()
      .post('/api/finance/bank-statements')
      .auth(finance.accessToken, { type: 'bearer' })
      .attach('file', Buffer.from('Date;Libellé;Montant\r\n'), 'x.csv')
      .field('profile', 'no-such-bank')
      .expect(400);
    await api()
      .post('/api/finance/bank-statements')
      .auth(member.accessToken, { type: 'bearer' })
      .attach('file', statement(), 'x.xml')
      .expect(403);
  });

  /**
   * Waits until the worker has posted every money fact so far (its outbox relayed, its
   * accounting queue idle, no post failed), then validates this month: the FEC holds the
   * journal's validated entries.
   */
  async function postedAndValidated(): Promise<void> {
    const queue = new Queue('accounting', {
      connection: { host: '127.0.0.1', port: 6379 },
      prefix: `${harness.environment.redisPrefix}:bull`,
    });
    try {
      await eventually(
        async () => {
          const [{ unpublished }] = await db.query<{ unpublished: number }[]>(
            `SELECT count(*)::int AS unpublished FROM outbox_events WHERE published_at IS NULL`,
          );
          const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
          return unpublished + Object.values(counts).reduce((sum, count) => sum + count, 0);
        },
        (left) => left === 0,
        20_000,
      );
      expect(await queue.getJobCounts('failed')).toEqual({ failed: 0 });
    } finally {
      await queue.close();
    }
    await api()
      .post(`/api/finance/accounting/periods/${today.slice(0, 7)}/validate`)
      .auth(finance.accessToken, { type: 'bearer' })
      .expect(200);
  }

  it('exports a FEC of the year that balances, with the 18 columns, named after the SIREN', async () => {
    await postedAndValidated();
    const year = Number(today.slice(0, 4));
    const response = await api()
      .get(`/api/finance/exports/fec?year=${year}`)
      .auth(finance.accessToken, { type: 'bearer' })
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks).toString('latin1')));
      })
      .expect(200);
    expect(response.headers['content-type']).toBe('text/plain; charset=iso-8859-15');
    const [{ siret }] = await db.query<{ siret: string }[]>(`SELECT siret FROM chambres LIMIT 1`);
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="${siret.slice(0, 9)}FEC${year}1231.txt"`,
    );
    const text = response.body as string;
    expect(text.split('\r\n')[0].split('\t')).toEqual([...FEC_COLUMNS]);
    const balance = checkFecBalance(text);
    expect(balance.columns).toEqual([18]);
    expect(balance.unbalancedEntries).toEqual([]);
    expect(balance.debitCents).toBe(balance.creditCents);
    // Nine invoices and R's credit note in the sales journal (customer, revenue, VAT each),
    // payments, the overpayment and the refund in the bank journal, on the bank's references.
    expect(text.match(/^VT\t/gm)).toHaveLength(10 * 3);
    expect(text).toMatch(/^BQ\t.*\t512000\t.*\tBANK-0003\t.*\tRemboursement /m);
    expect(text).toMatch(/^BQ\t.*\t512000\t.*\tBANK-0005\t.*\tTrop-perçu conservé en avoir\t/m);
    expect(balance.entries).toBeGreaterThan(10);
    await api()
      .get('/api/finance/exports/fec?year=20x6')
      .auth(finance.accessToken, { type: 'bearer' })
      .expect(400);
  });
  it('fails a hostile file at once and names the fault: a 40,000-character amount, a DOCTYPE behind a comment', async () => {
    const hostileAmount = frenchCsv([
      { date: today, label: 'VIR OK', creditCents: 1_000 },
      { date: today, label: 'VIR KO', creditCents: 2_000 },
    ]).replace('20,00', `1${' '.repeat(40_000)}x`);
    const csv = await upload(Buffer.from(hostileAmount, 'utf8'), 'hostile.csv');
    expect(csv.done.status).toBe('failed');
    expect(csv.done.error).toEqual({
      location: 'line 6',
      message:
        'line 6: cell 5 has more than 1000 characters, more than a bank statement writes in one cell',
    });

    const xml = statement()
      .toString('utf8')
      .replace(
        '<Document',
        '<!-- <Document> --><!DOCTYPE Document [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<Document',
      );
    const camt = await upload(Buffer.from(xml, 'utf8'), 'hostile.xml');
    expect(camt.done.status).toBe('failed');
    expect(camt.done.error!.message).toMatch(/DOCTYPE declaration is not allowed/);
    for (const failed of [csv.done.id, camt.done.id]) expect(await linesOf(failed)).toEqual([]);
  });

  it('refuses an upload with parts beyond the file and the profile, or a profile field past its size', async () => {
    const csv = Buffer.from(frenchCsv([{ date: today, label: 'VIR', creditCents: 100 }]));
    const post = () =>
      api()
        .post('/api/finance/bank-statements')
        .auth(finance.accessToken, { type: 'bearer' })
        .attach('file', csv, 'x.csv');
    const [{ count: before }] = await db.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM bank_statement_imports`,
    );
    const extraFields = post();
    for (let index = 0; index < 50; index += 1) void extraFields.field(`f${index}`, 'x');
    for (const refused of [
      await extraFields,
      await post().field('profile', 'p'.repeat(10_000)),
      await post().attach('file', csv, 'y.csv'),
    ]) {
      expect(refused.status).toBe(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
    }
    const [{ count: after }] = await db.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM bank_statement_imports`,
    );
    expect(after).toBe(before);
  });

  it('writes organisation names a spreadsheet would run as text, in the FEC and both CSV exports', async () => {
    const names = ['=', '+', '-', '@'].map((sign) => `${sign}HYPERLINK("http://x","y")`);
    const organisations = await insertOrganisations(db, member.id, names.length);
    const billed: { name: string; reference: string; cents: number }[] = [];
    for (const [index, name] of names.entries()) {
      await sql(app, `UPDATE organisations SET legal_name = $2 WHERE id = $1`, [
        organisations[index],
        name,
      ]);
      const { sessionId } = await insertPublishedSession(db, { memberPriceCents: 7_000 + index });
      const booked = await api()
        .post('/api/bookings')
        .auth(member.accessToken, { type: 'bearer' })
        .send({
          organisationId: organisations[index],
          sessionId,
          attendees: [{ name: 'Claire Roux', email: 'claire@test.mutualis.fr' }],
        })
        .expect(201);
      await api()
        .post(`/api/bookings/${booked.body.id}/checkout`)
        .auth(member.accessToken, { type: 'bearer' })
        .send({ method: 'bank_transfer' })
        .expect(200);
      const [row] = await eventually(
        () =>
          db.query<{ number: string | null; payment_reference: string; total: string }[]>(
            `SELECT number, payment_reference, total_incl_vat_cents AS total
               FROM invoices WHERE booking_id = $1`,
            [booked.body.id],
          ),
        (rows) => rows[0]?.number != null,
        20_000,
      );
      billed.push({ name, reference: row.payment_reference, cents: Number(row.total) });
    }
    // Paid by transfer, so they are in the payments export too.
    const paid = await upload(
      Buffer.from(
        frenchCsv(
          billed.map(({ reference, cents }) => ({
            date: today,
            label: `VIR SEPA ${reference}`,
            creditCents: cents,
          })),
        ),
        'utf8',
      ),
      'hostile-names.csv',
    );
    expect(paid.done.result.matched).toBe(names.length);
    await postedAndValidated();

    const download = async (path: string) =>
      (
        await api()
          .get(path)
          .auth(finance.accessToken, { type: 'bearer' })
          .buffer(true)
          .parse((res, done) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
          })
          .expect(200)
      ).body as string;
    const fec = await download(`/api/finance/exports/fec?year=${today.slice(0, 4)}&encoding=utf-8`);
    const period = `from=${today}&to=${today}`;
    const invoicesCsv = await download(`/api/finance/exports/invoices.csv?${period}`);
    const paymentsCsv = await download(`/api/finance/exports/payments.csv?${period}`);

    const auxiliaryLabel = FEC_COLUMNS.indexOf('CompAuxLib');
    const fecRows = fec
      .split('\r\n')
      .slice(1, -1)
      .map((row) => row.split('\t'));
    for (const { name } of billed) {
      // Each customer line (the sale, the payment) names the organisation, neutralised.
      const lines = fecRows.filter((fields) => fields[auxiliaryLabel] === `'${name}`);
      expect(lines.length).toBeGreaterThanOrEqual(2);
      expect(fecRows.some((fields) => fields.includes(name))).toBe(false);
      const quoted = `"'${name.replace(/"/g, '""')}"`;
      for (const csv of [invoicesCsv, paymentsCsv]) {
        expect(csv).toContain(`;${quoted};`);
        expect(csv).not.toContain(`;"${name.replace(/"/g, '""')}"`);
      }
    }
    // No field of the FEC starts a formula, and it still balances with its 18 columns.
    for (const fields of fecRows) {
      for (const field of fields) expect(field).not.toMatch(/^[=+@-]/);
    }
    expect(checkFecBalance(fec)).toMatchObject({ columns: [18], unbalancedEntries: [] });
  }, 90_000);
});
