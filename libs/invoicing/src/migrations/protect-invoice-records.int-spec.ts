import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { BookUseCase, ConfirmBookingUseCase } from '@mutualis/booking';
import {
  configureChambre,
  createTestContext,
  insertBooker,
  insertPublishedSession,
} from '@mutualis/testing';
import { Invoice } from '../entities/invoice.entity';
import { InvoicingModule } from '../invoicing.module';
import { RecordInvoicePaymentUseCase } from '../use-cases/record-invoice-payment/record-invoice-payment.use-case';
import { IssueBookingInvoiceUseCase } from '../use-cases/issue-booking-invoice/issue-booking-invoice.use-case';

/** The owner's connection: the triggers bind it too, not only the application role. */
async function asOwner<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('invoice records in the database (migration ProtectInvoiceRecords)', () => {
  let context: INestApplicationContext;
  let db: DataSource;
  let storage: string;

  beforeAll(async () => {
    storage = mkdtempSync(join(tmpdir(), 'mutualis-records-'));
    context = await createTestContext([InvoicingModule], { INVOICE_STORAGE_DIR: storage });
    db = context.get(DataSource);
    await configureChambre(db);
  });

  afterAll(async () => {
    await context.close();
    rmSync(storage, { recursive: true, force: true });
  });

  /** An issued invoice (with its stored PDF) of a new confirmed booking. */
  async function issuedInvoice(): Promise<Invoice> {
    const { sessionId } = await insertPublishedSession(db, { memberPriceCents: 10_000 });
    const booker = await insertBooker(db);
    const { body } = await context.get(BookUseCase).execute({
      actor: booker.actor,
      organisationId: booker.organisationId,
      sessionId,
      attendees: [{ name: 'Participant', email: `p-${randomUUID()}@test.mutualis.fr` }],
    });
    await context
      .get(ConfirmBookingUseCase)
      .execute({ bookingId: body.id, method: 'cheque', confirmedBy: null });
    await context.get(IssueBookingInvoiceUseCase).execute(body.id);
    return db.getRepository(Invoice).findOneByOrFail({ bookingId: body.id, type: 'invoice' });
  }

  describe('the stored PDF and its SHA-256', () => {
    it('are written once: neither the application nor the owner can replace or clear them', async () => {
      const invoice = await issuedInvoice();
      expect(invoice.pdfSha256).toMatch(/^[0-9a-f]{64}$/);
      const attempts = [
        [`UPDATE invoices SET pdf_sha256 = repeat('0', 64) WHERE id = $1`],
        [`UPDATE invoices SET pdf_path = '2020/forged.pdf' WHERE id = $1`],
        [`UPDATE invoices SET pdf_path = NULL, pdf_sha256 = NULL WHERE id = $1`],
      ];
      for (const [statement] of attempts) {
        await expect(db.query(statement, [invoice.id])).rejects.toThrow(/cannot be replaced/);
        await expect(asOwner((owner) => owner.query(statement, [invoice.id]))).rejects.toThrow(
          /cannot be replaced/,
        );
      }
      // Its payment state still moves (the same value rewritten is no change either).
      await db.query(
        `UPDATE invoices SET status = 'paid', amount_paid_cents = total_incl_vat_cents,
                pdf_path = pdf_path, pdf_sha256 = pdf_sha256 WHERE id = $1`,
        [invoice.id],
      );
      const after = await db.getRepository(Invoice).findOneByOrFail({ id: invoice.id });
      expect([after.pdfPath, after.pdfSha256]).toEqual([invoice.pdfPath, invoice.pdfSha256]);
    });

    it('are set together, on an issued invoice only', async () => {
      const invoice = await issuedInvoice();
      await expect(
        asOwner((owner) =>
          owner.query(
            `INSERT INTO invoices (chambre_id, type, type_code, status, organisation_id, payment_reference,
                                   service_date, total_excl_vat_cents, total_vat_cents, total_incl_vat_cents,
                                   seller, buyer, vat_breakdown, pdf_path)
             SELECT chambre_id, type, type_code, 'draft', organisation_id, 'RF' || floor(random() * 1e12)::text,
                    service_date, 0, 0, 0, seller, buyer, '[]', 'x.pdf'
               FROM invoices WHERE id = $1`,
            [invoice.id],
          ),
        ),
      ).rejects.toMatchObject({ code: '23514' });
    });
  });

  describe('the numbering counters', () => {
    async function counterOf(invoice: Invoice) {
      const [counter] = await db.query<{ last_number: number }[]>(
        `SELECT last_number FROM invoice_counters WHERE chambre_id = $1 AND series = $2 AND year = $3`,
        [invoice.chambreId, invoice.series, invoice.year],
      );
      return counter.last_number;
    }

    it('only move to the next number, and are never deleted, by anyone', async () => {
      const invoice = await issuedInvoice();
      const last = await counterOf(invoice);
      const where = `WHERE chambre_id = $1 AND series = $2 AND year = $3`;
      const key = [invoice.chambreId, invoice.series, invoice.year];
      for (const statement of [
        `UPDATE invoice_counters SET last_number = last_number - 1 ${where}`,
        `UPDATE invoice_counters SET last_number = last_number + 2 ${where}`,
        `UPDATE invoice_counters SET last_number = 0 ${where}`,
        `UPDATE invoice_counters SET year = year + 1 ${where}`,
      ]) {
        await expect(db.query(statement, key)).rejects.toThrow(/next number only|keeps its series/);
        await expect(asOwner((owner) => owner.query(statement, key))).rejects.toThrow(
          /next number only|keeps its series/,
        );
      }
      await expect(
        asOwner((owner) => owner.query(`DELETE FROM invoice_counters ${where}`, key)),
      ).rejects.toThrow(/never deleted/);
      await expect(
        asOwner((owner) => owner.query(`TRUNCATE invoice_counters CASCADE`)),
      ).rejects.toThrow(/TRUNCATE of invoice_counters is refused/);
      expect(await counterOf(invoice)).toBe(last);
      // The next invoice takes the next number.
      await issuedInvoice();
      expect(await counterOf(invoice)).toBe(last + 1);
    });
  });

  describe('the payments recorded against invoices', () => {
    async function paidInvoice(): Promise<{ invoice: Invoice; paymentId: string }> {
      const invoice = await issuedInvoice();
      const source = `test:${randomUUID()}`;
      await context.get(RecordInvoicePaymentUseCase).execute({
        bookingId: invoice.bookingId!,
        source,
        amountCents: 5_000,
        method: 'bank_transfer',
      });
      const [{ id }] = await db.query<{ id: string }[]>(
        `SELECT id FROM invoice_payments WHERE source = $1`,
        [source],
      );
      return { invoice, paymentId: id };
    }

    it('are never deleted nor changed, by anyone', async () => {
      const { paymentId } = await paidInvoice();
      for (const statement of [
        `UPDATE invoice_payments SET amount_cents = 1 WHERE id = $1`,
        `UPDATE invoice_payments SET received_at = received_at - interval '1 day' WHERE id = $1`,
        `UPDATE invoice_payments SET method = 'cheque' WHERE id = $1`,
      ]) {
        await expect(db.query(statement, [paymentId])).rejects.toThrow(/only reversed/);
        await expect(asOwner((owner) => owner.query(statement, [paymentId]))).rejects.toThrow(
          /only reversed/,
        );
      }
      await expect(
        db.query(`DELETE FROM invoice_payments WHERE id = $1`, [paymentId]),
      ).rejects.toThrow(/permission denied/);
      await expect(
        asOwner((owner) => owner.query(`DELETE FROM invoice_payments WHERE id = $1`, [paymentId])),
      ).rejects.toThrow(/reverse it, never delete it/);
    });

    it('are reversed once, for good', async () => {
      const { paymentId } = await paidInvoice();
      await db.query(`UPDATE invoice_payments SET reversed_at = now() WHERE id = $1`, [paymentId]);
      for (const statement of [
        `UPDATE invoice_payments SET reversed_at = NULL WHERE id = $1`,
        `UPDATE invoice_payments SET reversed_at = now() + interval '1 day' WHERE id = $1`,
      ]) {
        await expect(db.query(statement, [paymentId])).rejects.toThrow(/a reversal is final/);
      }
    });
  });

  it('refuses TRUNCATE of invoices, lines, counters and payments even to the owner', async () => {
    for (const table of ['invoices', 'invoice_lines', 'invoice_counters', 'invoice_payments']) {
      await expect(
        asOwner(async (owner) => {
          await owner.query('BEGIN');
          try {
            // Not even with triggers switched off for replication (ENABLE ALWAYS).
            await owner.query(`SET LOCAL session_replication_role = replica`);
            await owner.query(`TRUNCATE ${table} CASCADE`);
          } finally {
            await owner.query('ROLLBACK');
          }
        }),
      ).rejects.toThrow(/TRUNCATE of .* is refused/);
    }
  });

  it('lets the application discard the lines of a draft only', async () => {
    const invoice = await issuedInvoice();
    await expect(db.query(`SELECT discard_draft_invoice_lines($1)`, [invoice.id])).rejects.toThrow(
      /is not a draft/,
    );
    const [{ n }] = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM invoice_lines WHERE invoice_id = $1`,
      [invoice.id],
    );
    expect(n).toBe(1);
  });
});
