import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { configureChambre, insertOrganisations, insertPublishedSession } from '@mutualis/testing';
import { grantPlatformRoles, registerAndLogIn, TestUser } from '../support/api-client';
import { eventually } from '../support/expectations';
import { startWorkerHarness, WorkerHarness } from '../support/worker-harness';

const BOOKINGS = 300;

// Invoice numbers are unique, chronological and gapless per series and year, even with two
// worker processes issuing at once and one of them killed in the middle.
describe('invoice numbering through the workers', () => {
  let harness: WorkerHarness;
  let app: NestExpressApplication;
  let db: DataSource;
  let storage: string;
  let member: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    storage = mkdtempSync(join(tmpdir(), 'mutualis-invoices-'));
    harness = await startWorkerHarness(
      'numbering',
      { JOB_LOCK_MS: '3000', INVOICE_STORAGE_DIR: storage, DATABASE_POOL_SIZE: '20' },
      { workers: 0 },
    );
    ({ app, db } = harness);
    await configureChambre(db);
    [member, admin] = await Promise.all([
      registerAndLogIn(app, 'invoiced'),
      registerAndLogIn(app, 'cashier'),
    ]);
    await grantPlatformRoles(app, admin, ['finance']);
  }, 60_000);

  afterAll(async () => {
    await harness?.stop();
    rmSync(storage, { recursive: true, force: true });
  });

  /** Books one seat for each of `count` organisations and confirms them all at once. */
  async function confirmBookings(count: number): Promise<string[]> {
    const organisations = await insertOrganisations(db, member.id, count);
    const { sessionId } = await insertPublishedSession(db, { capacity: count });
    const bookings = await Promise.all(
      organisations.map((organisationId) =>
        request(app.getHttpServer())
          .post('/api/bookings')
          .auth(member.accessToken, { type: 'bearer' })
          .send({
            organisationId,
            sessionId,
            attendees: [{ name: 'Léa Dubois', email: 'lea@test.mutualis.fr' }],
          })
          .expect(201),
      ),
    );
    const ids = bookings.map((response) => response.body.id as string);
    const confirmations = await Promise.all(
      ids.map((id) =>
        request(app.getHttpServer())
          .post(`/api/bookings/${id}/confirm`)
          .auth(admin.accessToken, { type: 'bearer' })
          .send({ method: 'cheque' }),
      ),
    );
    expect(
      confirmations.filter((response) => response.status !== 200).map((response) => response.body),
    ).toEqual([]);
    return ids;
  }

  async function invoicesOf(
    bookingIds: string[],
  ): Promise<{ booking_id: string; number: string; sequence: number; pdf: boolean }[]> {
    return db.query(
      `SELECT booking_id, number, sequence, pdf_sha256 IS NOT NULL AS pdf FROM invoices
        WHERE type = 'invoice' AND status <> 'draft' AND booking_id = ANY($1) ORDER BY sequence`,
      [bookingIds],
    );
  }

  /** Every invoice of the series, in number order: 1..n with no gap and no duplicate. */
  async function expectGaplessSeries(): Promise<number> {
    const rows = await db.query<{ sequence: number; issued_at: Date }[]>(
      `SELECT sequence, issued_at FROM invoices WHERE series = 'F' ORDER BY sequence`,
    );
    expect(rows.map((row) => row.sequence)).toEqual(rows.map((_, index) => index + 1));
    // Chronological: a later number is never issued before an earlier one.
    for (let index = 1; index < rows.length; index++) {
      expect(rows[index].issued_at.getTime()).toBeGreaterThanOrEqual(
        rows[index - 1].issued_at.getTime(),
      );
    }
    return rows.length;
  }

  it('numbers 300 concurrently confirmed bookings 1..300 with two workers, one invoice each', async () => {
    await Promise.all([harness.startWorker(), harness.startWorker()]);
    const bookings = await confirmBookings(BOOKINGS);

    const invoices = await eventually(
      () => invoicesOf(bookings),
      (rows) => rows.length === BOOKINGS && rows.every((row) => row.pdf),
      90_000,
    );
    expect(invoices).toHaveLength(BOOKINGS);
    expect(new Set(invoices.map((row) => row.booking_id)).size).toBe(BOOKINGS);
    expect(await expectGaplessSeries()).toBe(BOOKINGS);
    const year = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      year: 'numeric',
    }).format(new Date());
    expect(invoices[0].number).toBe(`F-${year}-000001`);
    expect(invoices.at(-1)!.number).toBe(`F-${year}-000300`);
  }, 120_000);

  it('stays gapless with one invoice per booking when a worker is killed mid-run and restarted', async () => {
    const bookings = await confirmBookings(BOOKINGS);
    await eventually(
      () => invoicesOf(bookings),
      (rows) => rows.length >= 30,
      60_000,
    );
    const victim = harness.workers[0];
    victim.child.kill('SIGKILL');
    await victim.exited;
    await harness.startWorker();

    const invoices = await eventually(
      () => invoicesOf(bookings),
      (rows) => rows.length === BOOKINGS && rows.every((row) => row.pdf),
      120_000,
    );
    expect(invoices).toHaveLength(BOOKINGS);
    expect(new Set(invoices.map((row) => row.booking_id)).size).toBe(BOOKINGS);
    expect(await expectGaplessSeries()).toBe(2 * BOOKINGS);
    const [{ duplicates }] = await db.query<{ duplicates: number }[]>(
      `SELECT count(*)::int AS duplicates FROM (
         SELECT booking_id FROM invoices WHERE type = 'invoice' GROUP BY booking_id HAVING count(*) > 1) twice`,
    );
    expect(duplicates).toBe(0);
  }, 180_000);
});
