import { randomInt, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BookUseCase, ConfirmBookingUseCase } from '@mutualis/booking';
import { IssueBookingInvoiceUseCase } from '@mutualis/invoicing';
import {
  configureChambre,
  createTestContext,
  insertBooker,
  insertPublishedSession,
} from '@mutualis/testing';
import { ReconciliationModule } from '../../reconciliation.module';
import { MatchTransactionsUseCase } from './match-transactions.use-case';

interface IssuedInvoice {
  id: string;
  number: string;
  paymentReference: string;
  totalCents: number;
}

describe('MatchTransactionsUseCase', () => {
  let context: INestApplicationContext;
  let db: DataSource;
  let storage: string;
  let importId: string;

  beforeAll(async () => {
    storage = mkdtempSync(join(tmpdir(), 'mutualis-invoices-'));
    context = await createTestContext([ReconciliationModule], { INVOICE_STORAGE_DIR: storage });
    db = context.get(DataSource);
    await configureChambre(db);
    const { actor } = await insertBooker(db);
    [{ id: importId }] = await db.query<{ id: string }[]>(
      `INSERT INTO bank_statement_imports (file_name, file_sha256, format, uploaded_by, status)
       VALUES ('releve.xml', repeat('0', 64), 'camt053', $1, 'done') RETURNING id`,
      [actor.userId],
    );
  });

  afterAll(async () => {
    await context?.close();
    rmSync(storage, { recursive: true, force: true });
  });

  /** The one call of the use case in this file: matches only the given lines. */
  const match = (transactionIds: string[]) =>
    context.get(MatchTransactionsUseCase).execute(transactionIds);

  /**
   * An issued invoice of an amount no other file's invoice owes (other files write to the
   * same database meanwhile, and matching reads every open invoice).
   */
  async function issuedInvoice(totalCents = randomInt(100_000, 9_000_000)): Promise<IssuedInvoice> {
    const { sessionId } = await insertPublishedSession(db, {
      memberPriceCents: totalCents,
      nonMemberPriceCents: totalCents,
      vatTreatment: 'exempt_training',
    });
    const booker = await insertBooker(db);
    const { body } = await context.get(BookUseCase).execute({
      actor: booker.actor,
      organisationId: booker.organisationId,
      sessionId,
      attendees: [{ name: 'Léa', email: `lea-${randomUUID()}@test.mutualis.fr` }],
    });
    await context
      .get(ConfirmBookingUseCase)
      .execute({ bookingId: body.id, method: 'bank_transfer', confirmedBy: null });
    await context.get(IssueBookingInvoiceUseCase).execute(body.id);
    const [invoice] = await db.query<IssuedInvoice[]>(
      `SELECT id, number, payment_reference AS "paymentReference", total_incl_vat_cents::int AS "totalCents"
         FROM invoices WHERE booking_id = $1`,
      [body.id],
    );
    return invoice;
  }

  /** A bank credit as an imported statement leaves it. */
  async function credit(line: {
    amountCents: number;
    remittance?: string;
    creditorReference?: string;
    payer?: string;
  }): Promise<string> {
    const [{ id }] = await db.query<{ id: string }[]>(
      `INSERT INTO bank_transactions (import_id, dedupe_key, booking_date, amount_cents, direction, currency,
                                      counterparty_name, remittance_info, creditor_reference, source)
       VALUES ($1, $2, current_date, $3, 'credit', 'EUR', $4, $5, $6, 'camt053') RETURNING id`,
      [
        importId,
        randomUUID(),
        line.amountCents,
        line.payer ?? null,
        line.remittance ?? 'VIREMENT',
        line.creditorReference ?? null,
      ],
    );
    return id;
  }

  async function lineState(transactionId: string) {
    const [line] = await db.query<{ status: string; allocated: number }[]>(
      `SELECT status, allocated_cents::int AS allocated FROM bank_transactions WHERE id = $1`,
      [transactionId],
    );
    const allocations = await db.query<
      { invoiceId: string | null; kind: string; amount: number }[]
    >(
      `SELECT invoice_id AS "invoiceId", kind, amount_cents::int AS amount FROM bank_allocations
        WHERE transaction_id = $1 AND undone_at IS NULL ORDER BY amount_cents DESC`,
      [transactionId],
    );
    const suggestions = await db.query<{ invoiceId: string }[]>(
      `SELECT invoice_id AS "invoiceId" FROM bank_match_suggestions WHERE transaction_id = $1`,
      [transactionId],
    );
    return {
      ...line,
      allocations,
      suggested: suggestions.map((row) => row.invoiceId).sort(),
    };
  }

  async function invoiceState(invoiceId: string) {
    const [invoice] = await db.query<{ status: string; paid: number }[]>(
      `SELECT status, amount_paid_cents::int AS paid FROM invoices WHERE id = $1`,
      [invoiceId],
    );
    return invoice;
  }

  it('allocates a credit naming an invoice’s RF reference to that invoice, which is paid', async () => {
    const invoice = await issuedInvoice();
    const line = await credit({
      amountCents: invoice.totalCents,
      creditorReference: invoice.paymentReference,
    });

    expect(await match([line])).toEqual({ matched: 1, suggested: 0, unmatched: 0 });

    expect(await lineState(line)).toEqual({
      status: 'matched',
      allocated: invoice.totalCents,
      allocations: [{ invoiceId: invoice.id, kind: 'invoice', amount: invoice.totalCents }],
      suggested: [],
    });
    expect(await invoiceState(invoice.id)).toEqual({ status: 'paid', paid: invoice.totalCents });
  });

  it('allocates a credit quoting an invoice number in its text when the amount fits it', async () => {
    const invoice = await issuedInvoice();
    const line = await credit({
      amountCents: invoice.totalCents,
      remittance: `REGLEMENT FACTURE ${invoice.number}`,
    });

    expect(await match([line])).toEqual({ matched: 1, suggested: 0, unmatched: 0 });

    expect((await lineState(line)).allocations).toEqual([
      { invoiceId: invoice.id, kind: 'invoice', amount: invoice.totalCents },
    ]);
  });

  it('keeps the excess of a credit over its RF-referenced invoice as the organisation’s credit', async () => {
    const invoice = await issuedInvoice();
    const line = await credit({
      amountCents: invoice.totalCents + 1_000,
      creditorReference: invoice.paymentReference,
    });

    expect(await match([line])).toEqual({ matched: 1, suggested: 0, unmatched: 0 });

    expect((await lineState(line)).allocations).toEqual([
      { invoiceId: invoice.id, kind: 'invoice', amount: invoice.totalCents },
      { invoiceId: null, kind: 'organisation_credit', amount: 1_000 },
    ]);
    expect(await invoiceState(invoice.id)).toEqual({ status: 'paid', paid: invoice.totalCents });
  });

  it('leaves a credit quoting an invoice number but paying more than it owes for a person', async () => {
    const invoice = await issuedInvoice();
    const line = await credit({
      amountCents: invoice.totalCents + 1_000,
      remittance: `REGLEMENT FACTURE ${invoice.number}`,
    });

    expect(await match([line])).toEqual({ matched: 0, suggested: 1, unmatched: 0 });

    expect(await lineState(line)).toMatchObject({ status: 'suggested', allocations: [] });
    expect(await invoiceState(invoice.id)).toEqual({ status: 'issued', paid: 0 });
  });

  it('leaves a credit that fits two invoices equally for a person, with both suggested', async () => {
    const amount = randomInt(100_000, 9_000_000);
    const [first, second] = [await issuedInvoice(amount), await issuedInvoice(amount)];
    const line = await credit({ amountCents: amount, remittance: 'VIREMENT FORMATION' });

    expect(await match([line])).toEqual({ matched: 0, suggested: 1, unmatched: 0 });

    expect(await lineState(line)).toEqual({
      status: 'suggested',
      allocated: 0,
      allocations: [],
      suggested: [first.id, second.id].sort(),
    });
    for (const invoice of [first, second]) {
      expect(await invoiceState(invoice.id)).toEqual({ status: 'issued', paid: 0 });
    }
  });

  it('never allocates one invoice twice: not to two lines of a run, nor when two runs match at once', async () => {
    const invoice = await issuedInvoice();
    const lines = [
      await credit({
        amountCents: invoice.totalCents,
        creditorReference: invoice.paymentReference,
      }),
      await credit({
        amountCents: invoice.totalCents,
        creditorReference: invoice.paymentReference,
      }),
    ];

    const runs = await Promise.all([match(lines), match(lines)]);
    await match(lines);

    expect(runs.every((counts) => counts.matched <= 1)).toBe(true);
    expect(await invoiceState(invoice.id)).toEqual({ status: 'paid', paid: invoice.totalCents });
    const states = await Promise.all(lines.map(lineState));
    expect(states.map((state) => state.status).sort()).toEqual(['matched', 'unmatched']);
    expect(states.flatMap((state) => state.allocations)).toEqual([
      { invoiceId: invoice.id, kind: 'invoice', amount: invoice.totalCents },
    ]);
  });
});
