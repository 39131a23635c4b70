import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Queue } from 'bullmq';
import { DateTime } from 'luxon';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { configureChambre, insertOrganisations, insertPublishedSession } from '@mutualis/testing';
import { grantPlatformRoles, registerAndLogIn, TestUser } from '../support/api-client';
import { eventually } from '../support/expectations';
import { startWorkerHarness, WorkerHarness } from '../support/worker-harness';
import { camt053 } from '../reconciliation/statements';

const INVOICES = 12;

// A worker killed in the middle of posting loses no entry and posts none twice: the jobs it held
// are delivered again once their lock runs out (JOB_LOCK_MS), the transactions it had open roll
// back, and every entry is written once by source key.
describe('posting when the worker stops mid-way', () => {
  let harness: WorkerHarness;
  let app: NestExpressApplication;
  let db: DataSource;
  let storage: string;
  let member: TestUser;
  let finance: TestUser;
  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    storage = mkdtempSync(join(tmpdir(), 'mutualis-posting-crash-'));
    harness = await startWorkerHarness('postcrash', {
      INVOICE_STORAGE_DIR: storage,
      JOB_LOCK_MS: '1000',
    });
    ({ app, db } = harness);
    await configureChambre(db);
    member = await registerAndLogIn(app, 'crash-member');
    finance = await registerAndLogIn(app, 'crash-finance');
    await grantPlatformRoles(app, finance, ['finance']);
  });

  afterAll(async () => {
    await harness?.stop();
    rmSync(storage, { recursive: true, force: true });
  });

  const countOf = async (pattern: string): Promise<number> => {
    const [{ count }] = await db.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM accounting_entries WHERE source_key LIKE $1`,
      [pattern],
    );
    return count;
  };

  it('posts every payment once after a worker dies with posts under way', async () => {
    const [organisationId] = await insertOrganisations(db, member.id, 1);
    const references: { reference: string; total: number }[] = [];
    for (let index = 0; index < INVOICES; index++) {
      const { sessionId } = await insertPublishedSession(db, { memberPriceCents: 10_000 + index });
      const booked = await api()
        .post('/api/bookings')
        .auth(member.accessToken, { type: 'bearer' })
        .send({
          organisationId,
          sessionId,
          attendees: [{ name: 'Paul Martin', email: 'paul@test.mutualis.fr' }],
        })
        .expect(201);
      await api()
        .post(`/api/bookings/${booked.body.id}/checkout`)
        .auth(member.accessToken, { type: 'bearer' })
        .send({ method: 'bank_transfer' })
        .expect(200);
      const [invoice] = await eventually(
        () =>
          db.query<{ number: string | null; payment_reference: string; total: string }[]>(
            `SELECT number, payment_reference, total_incl_vat_cents AS total
               FROM invoices WHERE booking_id = $1`,
            [booked.body.id],
          ),
        (rows) => rows[0]?.number != null,
        20_000,
      );
      references.push({ reference: invoice.payment_reference, total: Number(invoice.total) });
    }
    await eventually(
      () => countOf('invoice:%'),
      (count) => count === INVOICES,
      20_000,
    );

    // Posting stops mid-transaction: the test holds the books' lock every post takes (after
    // reading the invoice's books, before writing), as a month's closing would.
    const [{ id: chambreId }] = await db.query<{ id: string }[]>(
      `SELECT id FROM chambres WHERE slug = 'default'`,
    );
    const blocker = new Client({ connectionString: harness.environment.databaseUrl });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `accounting-books:${chambreId}`,
    ]);

    const today = DateTime.now().setZone('Europe/Paris').toISODate()!;
    const accepted = await api()
      .post('/api/finance/bank-statements')
      .auth(finance.accessToken, { type: 'bearer' })
      .attach(
        'file',
        camt053(
          'STMT-CRASH',
          references.map((invoice, index) => ({
            direction: 'credit' as const,
            bookingDate: today,
            accountServicerReference: `CRASH-${index}`,
            transfers: [
              { amountCents: invoice.total, party: 'SCOP', creditorReference: invoice.reference },
            ],
          })),
        ),
        'releve.xml',
      )
      .expect(202);
    await eventually(
      async () =>
        (
          await db.query<{ status: string }[]>(
            `SELECT status FROM bank_statement_imports WHERE id = $1`,
            [accepted.body.id],
          )
        )[0].status,
      (status) => status === 'done',
      20_000,
    );
    // Every payment's post has begun and waits on the lock, inside its transaction.
    const queue = new Queue('accounting', {
      connection: { host: '127.0.0.1', port: 6379 },
      prefix: `${harness.environment.redisPrefix}:bull`,
    });
    try {
      await eventually(
        () => queue.getActiveCount(),
        (active) => active >= 4,
        20_000,
      );
      expect(await countOf('payment:%')).toBe(0);

      const [dying] = harness.workers;
      dying.child.kill('SIGKILL');
      await dying.exited;
    } finally {
      await queue.close();
    }
    await blocker.query('COMMIT');
    await blocker.end();
    // Nothing of the killed transactions was kept.
    expect(await countOf('payment:%')).toBe(0);

    await harness.startWorker();
    await eventually(
      () => countOf('payment:%'),
      (count) => count === INVOICES,
      30_000,
    );
    // Each payment once, each lettered with its invoice, the bank journal balanced.
    const [books] = await db.query<{ entries: number; keys: number; lettered: number }[]>(
      `SELECT count(*)::int AS entries, count(DISTINCT source_key)::int AS keys,
              (SELECT count(*)::int FROM accounting_letterings l
                WHERE NOT EXISTS (SELECT 1 FROM accounting_lettering_ends e WHERE e.lettering_id = l.id)) AS lettered
         FROM accounting_entries WHERE source_key LIKE 'payment:%'`,
    );
    expect(books).toEqual({ entries: INVOICES, keys: INVOICES, lettered: INVOICES });
    const [{ unbalanced }] = await db.query<{ unbalanced: number }[]>(
      `SELECT count(*)::int AS unbalanced FROM (
         SELECT e.id FROM accounting_entries e JOIN accounting_entry_lines l ON l.entry_id = e.id
          GROUP BY e.id HAVING sum(l.debit_cents) <> sum(l.credit_cents)) AS wrong`,
    );
    expect(unbalanced).toBe(0);
  }, 120_000);
});
