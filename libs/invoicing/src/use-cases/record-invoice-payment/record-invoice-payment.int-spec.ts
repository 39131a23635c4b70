import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BookUseCase, ConfirmBookingUseCase } from '@mutualis/booking';
import {
  configureChambre,
  createTestContext,
  insertBooker,
  insertPublishedSession,
} from '@mutualis/testing';
import { Invoice } from '../../entities/invoice.entity';
import { InvoicingErrorCode, InvoicingException } from '../../invoicing.exception';
import { InvoicingModule } from '../../invoicing.module';
import { IssueBookingInvoiceUseCase } from '../issue-booking-invoice/issue-booking-invoice.use-case';
import {
  InvoicePaymentCommand,
  InvoicePaymentOfGroup,
} from '../../services/invoice-payment-recorder';
import { PayInvoiceGroupsUseCase } from '../pay-invoice-groups/pay-invoice-groups.use-case';
import { PayInvoiceUseCase } from '../pay-invoice/pay-invoice.use-case';
import { ReverseInvoicePaymentUseCase } from '../reverse-invoice-payment/reverse-invoice-payment.use-case';
import { RecordInvoicePaymentUseCase } from './record-invoice-payment.use-case';

/** 2 seats at 27 000 cents, VAT 20 %. */
const TOTAL_CENTS = 64_800;

describe('RecordInvoicePaymentUseCase', () => {
  let context: INestApplicationContext;
  let db: DataSource;
  let storage: string;

  beforeAll(async () => {
    storage = mkdtempSync(join(tmpdir(), 'mutualis-invoices-'));
    context = await createTestContext([InvoicingModule], { INVOICE_STORAGE_DIR: storage });
    db = context.get(DataSource);
    await configureChambre(db);
  });

  afterAll(async () => {
    await context.close();
    rmSync(storage, { recursive: true, force: true });
  });

  /** The use case's operations, each called from here only. */
  const record = {
    forBooking: (bookingId: string, payment: Partial<InvoicePaymentCommand> = {}) =>
      context.get(RecordInvoicePaymentUseCase).execute({ bookingId, ...command(payment) }),
    forInvoice: (invoiceId: string, payment: Partial<InvoicePaymentCommand> = {}) =>
      db.transaction((manager) =>
        context.get(PayInvoiceUseCase).execute(invoiceId, command(payment), manager),
      ),
    forInvoiceGroups: (groups: InvoicePaymentOfGroup[][]) =>
      db.transaction((manager) => context.get(PayInvoiceGroupsUseCase).execute(groups, manager)),
    reverse: (source: string) =>
      db.transaction((manager) =>
        context.get(ReverseInvoicePaymentUseCase).execute(source, manager),
      ),
  };

  function command(payment: Partial<InvoicePaymentCommand>): InvoicePaymentCommand {
    return {
      source: `test:${randomUUID()}`,
      amountCents: 1_000,
      method: 'bank_transfer',
      ...payment,
    };
  }

  /** A confirmed booking of TOTAL_CENTS and, unless told otherwise, its issued invoice. */
  async function invoicedBooking(issued = true): Promise<{ bookingId: string; invoiceId: string }> {
    const { sessionId } = await insertPublishedSession(db, {
      memberPriceCents: 27_000,
      nonMemberPriceCents: 27_000,
      vatTreatment: 'standard',
    });
    const booker = await insertBooker(db);
    const { body } = await context.get(BookUseCase).execute({
      actor: booker.actor,
      organisationId: booker.organisationId,
      sessionId,
      attendees: ['a', 'b'].map((name) => ({
        name,
        email: `${name}-${randomUUID()}@test.mutualis.fr`,
      })),
    });
    await context
      .get(ConfirmBookingUseCase)
      .execute({ bookingId: body.id, method: 'bank_transfer', confirmedBy: null });
    if (!issued) return { bookingId: body.id, invoiceId: '' };
    expect(await context.get(IssueBookingInvoiceUseCase).execute(body.id)).toBe('issued');
    const invoice = await db.getRepository(Invoice).findOneByOrFail({ bookingId: body.id });
    expect(invoice.totalInclVatCents).toBe(TOTAL_CENTS);
    return { bookingId: body.id, invoiceId: invoice.id };
  }

  async function balance(invoiceId: string) {
    const invoice = await db.getRepository(Invoice).findOneByOrFail({ id: invoiceId });
    const events = await db.query<
      { type: string; payload: { amountCents: number; status: string } }[]
    >(
      `SELECT type, payload FROM outbox_events
        WHERE aggregate_id = $1 AND type LIKE 'invoice.payment-%' ORDER BY occurred_at`,
      [invoiceId],
    );
    const [{ payments }] = await db.query<{ payments: number }[]>(
      `SELECT count(*)::int AS payments FROM invoice_payments WHERE invoice_id = $1`,
      [invoiceId],
    );
    return {
      status: invoice.status,
      paid: invoice.amountPaidCents,
      payments,
      events: events.map(
        (event) => `${event.type} ${event.payload.amountCents} ${event.payload.status}`,
      ),
    };
  }

  async function refusal(attempt: Promise<unknown>): Promise<unknown> {
    return attempt.then(
      () => {
        throw new Error('expected a refusal');
      },
      (error: unknown) => error,
    );
  }

  it('records part then the rest of a booking’s invoice: partially paid, then paid, each announced', async () => {
    const { bookingId, invoiceId } = await invoicedBooking();

    expect(await record.forBooking(bookingId, { amountCents: 10_000 })).toBe('recorded');
    expect(await balance(invoiceId)).toMatchObject({ status: 'partially_paid', paid: 10_000 });
    expect(await record.forBooking(bookingId, { amountCents: TOTAL_CENTS - 10_000 })).toBe(
      'recorded',
    );

    expect(await balance(invoiceId)).toEqual({
      status: 'paid',
      paid: TOTAL_CENTS,
      payments: 2,
      events: [
        'invoice.payment-recorded 10000 partially_paid',
        `invoice.payment-recorded ${TOTAL_CENTS - 10_000} paid`,
      ],
    });
  });

  it('records a payment once per source, even delivered many times at once', async () => {
    const { bookingId, invoiceId } = await invoicedBooking();
    const source = `stripe-event:${randomUUID()}`;

    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => record.forBooking(bookingId, { source, amountCents: 5_000 })),
    );
    expect(outcomes.sort()).toEqual([
      'already_recorded',
      'already_recorded',
      'already_recorded',
      'already_recorded',
      'recorded',
    ]);
    expect(await record.forInvoice(invoiceId, { source, amountCents: 5_000 })).toBe(
      'already_recorded',
    );
    expect(await balance(invoiceId)).toMatchObject({
      status: 'partially_paid',
      paid: 5_000,
      payments: 1,
    });
  });

  it('throws for a booking whose invoice is not issued yet, so the job retries', async () => {
    const { bookingId } = await invoicedBooking(false);

    await expect(record.forBooking(bookingId)).rejects.toThrow(/no issued invoice yet/);
    const [{ n }] = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM invoice_payments p JOIN invoices i ON i.id = p.invoice_id
        WHERE i.booking_id = $1`,
      [bookingId],
    );
    expect(n).toBe(0);
  });

  it('keeps an overpayment of a booking’s invoice whole (as today): paid, more than the total', async () => {
    const { bookingId, invoiceId } = await invoicedBooking();

    expect(await record.forBooking(bookingId, { amountCents: TOTAL_CENTS + 500 })).toBe('recorded');

    expect(await balance(invoiceId)).toMatchObject({ status: 'paid', paid: TOTAL_CENTS + 500 });
  });

  it('refuses, for an invoice named by id, more than is due or an invoice no longer payable', async () => {
    const { invoiceId } = await invoicedBooking();

    const tooMuch = await refusal(record.forInvoice(invoiceId, { amountCents: TOTAL_CENTS + 1 }));
    expect(tooMuch).toBeInstanceOf(InvoicingException);
    expect(tooMuch).toMatchObject({ code: InvoicingErrorCode.InvoiceNotPayable });

    await record.forInvoice(invoiceId, { amountCents: TOTAL_CENTS });
    expect(await refusal(record.forInvoice(invoiceId, { amountCents: 1 }))).toMatchObject({
      code: InvoicingErrorCode.InvoiceNotPayable,
    });
    expect(await refusal(record.forInvoice(randomUUID()))).toMatchObject({
      code: InvoicingErrorCode.InvoiceNotPayable,
    });
    expect(await balance(invoiceId)).toMatchObject({
      status: 'paid',
      paid: TOTAL_CENTS,
      payments: 1,
    });
  });

  it('never lets two payments at once take an invoice past its total', async () => {
    const { invoiceId } = await invoicedBooking();
    // Every connection of the pool open beforehand, so the payments truly overlap.
    await Promise.all(Array.from({ length: 4 }, () => db.query(`SELECT pg_sleep(0.05)`)));

    const outcomes = await Promise.allSettled(
      Array.from({ length: 3 }, () => record.forInvoice(invoiceId, { amountCents: 40_000 })),
    );

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    expect(await balance(invoiceId)).toMatchObject({
      status: 'partially_paid',
      paid: 40_000,
      payments: 1,
    });
  });

  it('records groups of payments against the balances the groups before them left, refusing a group whole', async () => {
    const first = await invoicedBooking();
    const second = await invoicedBooking();
    const pay = (invoiceId: string, amountCents: number, source = `bank:${randomUUID()}`) => ({
      invoiceId,
      source,
      amountCents,
      method: 'bank_transfer' as const,
    });
    const replayed = pay(second.invoiceId, 1_000);
    await record.forInvoice(second.invoiceId, replayed);

    const outcomes = await record.forInvoiceGroups([
      [pay(first.invoiceId, 60_000)],
      // Whole or nothing: the first invoice has 4 800 left, so the second's part is not paid either.
      [pay(second.invoiceId, 2_000), pay(first.invoiceId, 5_000)],
      [pay(first.invoiceId, TOTAL_CENTS - 60_000), replayed],
    ]);

    expect(outcomes.map((outcome) => outcome?.code ?? null)).toEqual([
      null,
      InvoicingErrorCode.InvoiceNotPayable,
      null,
    ]);
    expect(await balance(first.invoiceId)).toMatchObject({
      status: 'paid',
      paid: TOTAL_CENTS,
      payments: 2,
    });
    expect(await balance(second.invoiceId)).toMatchObject({
      status: 'partially_paid',
      paid: 1_000,
      payments: 1,
    });
  });

  it('reverses a payment recorded by mistake, once', async () => {
    const { bookingId, invoiceId } = await invoicedBooking();
    const source = `stripe-event:${randomUUID()}`;
    await record.forBooking(bookingId, { source, amountCents: TOTAL_CENTS });

    expect(await record.reverse(source)).toBe('reversed');
    expect(await record.reverse(source)).toBe('not_recorded');
    expect(await record.reverse(`unknown:${randomUUID()}`)).toBe('not_recorded');

    expect(await balance(invoiceId)).toEqual({
      status: 'issued',
      paid: 0,
      payments: 1,
      events: [
        `invoice.payment-recorded ${TOTAL_CENTS} paid`,
        `invoice.payment-reversed ${TOTAL_CENTS} issued`,
      ],
    });
  });
});
