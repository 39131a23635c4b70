import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BookUseCase, ConfirmBookingUseCase } from '@mutualis/booking';
import { Clock } from '@mutualis/core';
import {
  configureChambre,
  createTestContext,
  insertBooker,
  insertPublishedSession,
  insertPublishedSlot,
  SessionOptions,
  vatNumberOf,
} from '@mutualis/testing';
import { Invoice } from '../../entities/invoice.entity';
import { InvoiceLine } from '../../entities/invoice-line.entity';
import { InvoicingModule } from '../../invoicing.module';
import { InvoiceStorage } from '../../storage/invoice-storage';
import { IssueBookingInvoiceUseCase } from './issue-booking-invoice.use-case';
import { InvoicingEvents } from '../../invoicing.events';
import {
  IsolatedEnvironment,
  isolatedEnvironment,
} from '../../../../../test/support/isolated-environment';

const PARIS_YEAR = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
}).format(new Date());

describe('IssueBookingInvoiceUseCase', () => {
  let context: INestApplicationContext;
  let db: DataSource;
  let storage: string;
  let environment: IsolatedEnvironment;

  // A database of its own: these tests change the Chambre's VAT regime and options, which every
  // other spec of the run would otherwise see mid-test.
  beforeAll(async () => {
    storage = mkdtempSync(join(tmpdir(), 'mutualis-invoices-'));
    environment = await isolatedEnvironment('issue_invoice');
    context = await createTestContext([InvoicingModule], {
      ...environment.env,
      INVOICE_STORAGE_DIR: storage,
    });
    db = context.get(DataSource);
    await configureChambre(db);
  });

  afterAll(async () => {
    await context.close();
    await environment.drop();
    rmSync(storage, { recursive: true, force: true });
  });

  /** The one call of the use case in this file. */
  const issue = (bookingId: string) => context.get(IssueBookingInvoiceUseCase).execute(bookingId);

  /** A booking of `seats` seats, confirmed unless told otherwise. */
  async function booking(
    options: SessionOptions & { seats?: number; confirmed?: boolean } = {},
  ): Promise<string> {
    const { sessionId } = await insertPublishedSession(db, options);
    const booker = await insertBooker(db);
    const { body } = await context.get(BookUseCase).execute({
      actor: booker.actor,
      organisationId: booker.organisationId,
      sessionId,
      attendees: Array.from({ length: options.seats ?? 1 }, (_, index) => ({
        name: `Participant ${index + 1}`,
        email: `p${index + 1}-${randomUUID()}@test.mutualis.fr`,
      })),
    });
    if (options.confirmed !== false) {
      await context
        .get(ConfirmBookingUseCase)
        .execute({ bookingId: body.id, method: 'cheque', confirmedBy: null });
    }
    return body.id;
  }

  const invoicesOf = (bookingId: string) =>
    db.getRepository(Invoice).findBy({ bookingId, type: 'invoice' });

  async function issuedEvents(invoiceId: string): Promise<number> {
    const [{ n }] = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM outbox_events WHERE aggregate_id = $1 AND type = $2`,
      [invoiceId, InvoicingEvents.InvoiceIssued],
    );
    return n;
  }

  it('issues the invoice of a confirmed booking with the totals and VAT the booking stored', async () => {
    const bookingId = await booking({
      seats: 3,
      memberPriceCents: 18_000,
      vatTreatment: 'standard',
    });

    expect(await issue(bookingId)).toBe('issued');

    const [invoice] = await invoicesOf(bookingId);
    expect(invoice).toMatchObject({
      status: 'issued',
      typeCode: 380,
      series: 'F',
      year: Number(PARIS_YEAR),
      number: expect.stringMatching(new RegExp(`^F-${PARIS_YEAR}-\\d{6}$`)),
      totalExclVatCents: 54_000,
      totalVatCents: 10_800,
      totalInclVatCents: 64_800,
      amountPaidCents: 0,
      vatBreakdown: [
        expect.objectContaining({
          vatCategory: 'S',
          vatRateBasisPoints: 2000,
          taxableAmountCents: 54_000,
          vatAmountCents: 10_800,
        }),
      ],
      paymentReference: expect.stringMatching(/^RF\d{2}/),
      issuedAt: expect.any(Date),
      pdfSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const lines = await db.getRepository(InvoiceLine).findBy({ invoiceId: invoice.id });
    expect(lines).toEqual([
      expect.objectContaining({
        quantity: 3,
        unitPriceExclVatCents: 18_000,
        vatCategory: 'S',
        vatRateBasisPoints: 2000,
        lineTotalExclVatCents: 54_000,
      }),
    ]);
    expect(await issuedEvents(invoice.id)).toBe(1);
  });

  it('issues exempt training without VAT, under category E with its reason', async () => {
    const bookingId = await booking({ memberPriceCents: 20_000, vatTreatment: 'exempt_training' });

    await issue(bookingId);

    const [invoice] = await invoicesOf(bookingId);
    expect(invoice).toMatchObject({
      totalExclVatCents: 20_000,
      totalVatCents: 0,
      totalInclVatCents: 20_000,
      vatBreakdown: [
        expect.objectContaining({
          vatCategory: 'E',
          vatAmountCents: 0,
          exemptionReason: expect.any(String),
        }),
      ],
    });
  });

  it('issues nothing for a booking not confirmed (yet)', async () => {
    const bookingId = await booking({ confirmed: false });

    expect(await issue(bookingId)).toBe('not_confirmed');
    expect(await issue(randomUUID())).toBe('not_confirmed');
    expect(await invoicesOf(bookingId)).toEqual([]);
  });

  it('issues one invoice per booking, however often and however many times at once it is asked', async () => {
    const bookingId = await booking();

    const answers = await Promise.all(Array.from({ length: 5 }, () => issue(bookingId)));
    expect(answers.filter((answer) => answer === 'issued')).toHaveLength(1);
    expect(answers.filter((answer) => answer !== 'issued')).toEqual(
      answers.slice(1).map(() => 'already_issued'),
    );
    expect(await issue(bookingId)).toBe('already_issued');

    const invoices = await invoicesOf(bookingId);
    expect(invoices).toHaveLength(1);
    expect(await issuedEvents(invoices[0].id)).toBe(1);
  });

  // Two writes of one PDF at once in one process (a late issuer's `ensure` while the first still
  // stores it) once shared a temporary file, and the second rename found it gone.
  it('stores one PDF written twice at once in one process', async () => {
    const storage = context.get(InvoiceStorage);
    const key = `race/${randomUUID()}.pdf`;

    await Promise.all([
      storage.put(key, Buffer.from('first')),
      storage.put(key, Buffer.from('second')),
    ]);

    expect(['first', 'second']).toContain(String(await storage.get(key)));
  });

  it('numbers invoices issued at once without a gap or a repeat, in issue order', async () => {
    const bookings = await Promise.all(Array.from({ length: 8 }, () => booking()));
    // Every connection of the pool open beforehand, so the issues truly overlap.
    await Promise.all(Array.from({ length: 4 }, () => db.query(`SELECT pg_sleep(0.05)`)));

    expect(await Promise.all(bookings.map(issue))).toEqual(bookings.map(() => 'issued'));

    const ours = (await Promise.all(bookings.map(invoicesOf))).flat();
    expect(new Set(ours.map((invoice) => invoice.sequence)).size).toBe(bookings.length);
    for (const invoice of ours) {
      expect(invoice.number).toBe(`F-${PARIS_YEAR}-${String(invoice.sequence).padStart(6, '0')}`);
    }
    // Other files issue into the same series meanwhile: the whole committed series is gapless
    // (a number is taken in the transaction that issues, so a rollback gives it back).
    const series = await db.query<{ sequence: number; issued_at: Date }[]>(
      `SELECT sequence, issued_at FROM invoices WHERE series = 'F' AND year = $1 ORDER BY sequence`,
      [Number(PARIS_YEAR)],
    );
    expect(series.map((row) => row.sequence)).toEqual(series.map((_, index) => index + 1));
    for (let index = 1; index < series.length; index++) {
      expect(series[index].issued_at.getTime()).toBeGreaterThanOrEqual(
        series[index - 1].issued_at.getTime(),
      );
    }
  });

  describe('VAT as the Chambre decided it', () => {
    afterEach(async () => {
      await configureChambre(db);
    });

    /** A confirmed booking of a consultation slot, by an organisation with a VAT number. */
    async function consultation(
      vatTreatment: 'standard' | 'exempt_members' | 'out_of_scope_disbursement',
    ): Promise<string> {
      const { slotId } = await insertPublishedSlot(db, { vatTreatment, memberPriceCents: 6_000 });
      const booker = await insertBooker(db);
      const [{ siret }] = await db.query<{ siret: string }[]>(
        `SELECT siret FROM organisations WHERE id = $1`,
        [booker.organisationId],
      );
      await db.query(`UPDATE organisations SET vat_number = $2 WHERE id = $1`, [
        booker.organisationId,
        vatNumberOf(siret),
      ]);
      const { body } = await context.get(BookUseCase).execute({
        actor: booker.actor,
        organisationId: booker.organisationId,
        slotId,
        attendees: [{ name: 'Participant', email: `p-${randomUUID()}@test.mutualis.fr` }],
      });
      await context
        .get(ConfirmBookingUseCase)
        .execute({ bookingId: body.id, method: 'cheque', confirmedBy: null });
      return body.id;
    }

    async function issued(bookingId: string) {
      expect(await issue(bookingId)).toBe('issued');
      const [invoice] = await invoicesOf(bookingId);
      const lines = await db.getRepository(InvoiceLine).findBy({ invoiceId: invoice.id });
      return { invoice, lines };
    }

    it('names the regime, its exact provision and VATEX code on the line and the breakdown', async () => {
      const { invoice, lines } = await issued(await booking({ vatTreatment: 'exempt_training' }));
      const terms = {
        vatCategory: 'E',
        exemptionReason: 'Exonération de TVA, art. 261, 4, 4° a du CGI',
        vatRegime: 'exempt_training',
        vatexCode: 'VATEX-FR-CGI261-4',
      };
      expect(lines).toEqual([expect.objectContaining(terms)]);
      expect(invoice.vatBreakdown).toEqual([expect.objectContaining(terms)]);
    });

    it('prints the NDA on a training’s invoice only, never on a consultation’s', async () => {
      const training = await issued(await booking({ vatTreatment: 'standard' }));
      expect(training.invoice.seller.trainingDeclarationNumber).toBe('93131234513');

      const advice = await issued(await consultation('standard'));
      expect(advice.invoice.seller.trainingDeclarationNumber).toBeNull();
      expect(advice.invoice.seller.vatNumber).toBe('FR08781112222');
      expect(advice.lines).toEqual([
        expect.objectContaining({ vatCategory: 'S', vatRegime: 'standard', vatexCode: null }),
      ]);
    });

    it('prints neither the seller’s nor the buyer’s VAT number on an out-of-scope invoice (BR-O-02)', async () => {
      const { invoice, lines } = await issued(await consultation('out_of_scope_disbursement'));
      expect(lines).toEqual([
        expect.objectContaining({
          vatCategory: 'O',
          vatRegime: 'out_of_scope_disbursement',
          vatexCode: 'VATEX-EU-O',
          exemptionReason: 'Débours, hors du champ de la TVA, art. 267, II, 2° du CGI',
        }),
      ]);
      expect(invoice.seller.vatNumber).toBeNull();
      expect(invoice.buyer.vatNumber).toBeNull();
      expect(invoice.seller.siret).toMatch(/^\d{14}$/);
    });

    it('keeps both VAT numbers on an exempt invoice', async () => {
      const { invoice } = await issued(await consultation('exempt_members'));
      expect(invoice.seller.vatNumber).toBe('FR08781112222');
      expect(invoice.buyer.vatNumber).toMatch(/^FR\d{11}$/);
    });

    it('under the franchise, invoices what would be taxable under art. 293 B and keeps the training exemption', async () => {
      await configureChambre(db, { vatRegime: 'franchise' });
      const taxable = await issued(await booking({ vatTreatment: 'standard' }));
      expect(taxable.lines).toEqual([
        expect.objectContaining({
          vatCategory: 'E',
          vatRegime: 'franchise',
          vatexCode: 'VATEX-FR-FRANCHISE',
          exemptionReason: 'TVA non applicable, art. 293 B du CGI',
        }),
      ]);
      expect(taxable.invoice.totalVatCents).toBe(0);
      const training = await issued(await booking({ vatTreatment: 'exempt_training' }));
      expect(training.lines).toEqual([
        expect.objectContaining({ vatRegime: 'exempt_training', vatexCode: 'VATEX-FR-CGI261-4' }),
      ]);
    });

    it('says the Chambre pays VAT on its debits only when it has opted to', async () => {
      const onReceipts = await issued(await booking({ vatTreatment: 'standard' }));
      expect(onReceipts.invoice.seller.vatOnDebits).toBe(false);
      await configureChambre(db, { vatOnDebits: true });
      const onDebits = await issued(await booking({ vatTreatment: 'standard' }));
      expect(onDebits.invoice.seller.vatOnDebits).toBe(true);
    });
  });

  /** Waits until `count` connections wait on a lock of the numbering (a counter row or a series). */
  async function waitForNumberingWaits(count: number): Promise<void> {
    for (let attempt = 0; attempt < 200; attempt++) {
      const [{ waiting }] = await db.query<{ waiting: number }[]>(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'
            AND (query LIKE '%invoice_counters%' OR query LIKE '%pg_advisory_xact_lock%')`,
      );
      if (waiting >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`fewer than ${count} issues waiting on the numbering`);
  }

  // The instant is read once the series is ours: an issue that waited for the lock across
  // midnight on 31 December is numbered in the year of its date, after the last of the old year.
  it('numbers an invoice issued across midnight on 31 December in the year of its date', async () => {
    const first = await booking();
    const second = await booking();
    const [{ id: chambreId }] = await db.query<{ id: string }[]>(
      `SELECT id FROM chambres WHERE slug = 'default'`,
    );
    // A year no other spec of the run issues in: its counter row is held here, so the first
    // issue stops on it once it has read the time, holding the series.
    await db.query(
      `INSERT INTO invoice_counters (chambre_id, series, year, last_number)
       VALUES ($1, 'F', 2098, 0) ON CONFLICT DO NOTHING`,
      [chambreId],
    );
    const holder = db.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query(
      `SELECT 1 FROM invoice_counters WHERE chambre_id = $1 AND series = 'F' AND year = 2098 FOR UPDATE`,
      [chambreId],
    );
    // 23:59:59.9 in Paris on 31 December 2098 (UTC+1 in winter).
    let now = new Date('2098-12-31T22:59:59.900Z');
    const clock = jest.spyOn(context.get(Clock), 'now').mockImplementation(() => now);
    try {
      const firstIssue = issue(first);
      await waitForNumberingWaits(1);
      const secondIssue = issue(second);
      await waitForNumberingWaits(2);
      // Midnight passes while the second waits: 00:00:00.1 on 1 January 2099 in Paris.
      now = new Date('2098-12-31T23:00:00.100Z');
      await holder.commitTransaction();
      expect(await Promise.all([firstIssue, secondIssue])).toEqual(['issued', 'issued']);
    } finally {
      if (holder.isTransactionActive) await holder.rollbackTransaction();
      await holder.release();
      clock.mockRestore();
    }

    const [[before], [after]] = await Promise.all([invoicesOf(first), invoicesOf(second)]);
    expect(before).toMatchObject({
      number: 'F-2098-000001',
      year: 2098,
      issueDate: '2098-12-31',
      issuedAt: new Date('2098-12-31T22:59:59.900Z'),
    });
    expect(after).toMatchObject({
      number: 'F-2099-000001',
      year: 2099,
      issueDate: '2099-01-01',
      issuedAt: new Date('2098-12-31T23:00:00.100Z'),
    });
  });
});
