import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  BookUseCase,
  Booking,
  BookingEvents,
  CancelBookingUseCase,
  ConfirmationMethod,
  ConfirmBookingUseCase,
} from '@mutualis/booking';
import { parisDate } from '@mutualis/core';
import {
  configureChambre,
  createTestContext,
  DAY_MS,
  insertBooker,
  insertPublishedSession,
  pdfLines,
  SessionOptions,
  TestBooker,
} from '@mutualis/testing';
import { formatFrenchDate } from '../../pdf/invoice-pdf.renderer';
import { Invoice } from '../../entities/invoice.entity';
import { InvoicingModule } from '../../invoicing.module';
import { InvoiceStorage } from '../../storage/invoice-storage';
import { IssueCancellationCreditNoteUseCase } from '../issue-cancellation-credit-note/issue-cancellation-credit-note.use-case';
import { RecordInvoicePaymentUseCase } from '../record-invoice-payment/record-invoice-payment.use-case';
import { IssueBookingInvoiceUseCase } from './issue-booking-invoice.use-case';

/** Invoices and credit notes say how they were settled, as it happened, when they are issued. */
describe('invoice settlement', () => {
  let context: INestApplicationContext;
  let db: DataSource;
  let storage: string;

  beforeAll(async () => {
    storage = mkdtempSync(join(tmpdir(), 'mutualis-settlement-'));
    context = await createTestContext([InvoicingModule], { INVOICE_STORAGE_DIR: storage });
    db = context.get(DataSource);
    await configureChambre(db);
  });

  afterAll(async () => {
    await context.close();
    rmSync(storage, { recursive: true, force: true });
  });

  const issue = (bookingId: string) => context.get(IssueBookingInvoiceUseCase).execute(bookingId);
  const bookingRow = (id: string) => db.getRepository(Booking).findOneByOrFail({ id });
  const invoiceOf = (bookingId: string) =>
    db.getRepository(Invoice).findOneByOrFail({ bookingId, type: 'invoice' });
  const creditNotesOf = (invoiceId: string) =>
    db.getRepository(Invoice).findBy({ correctsInvoiceId: invoiceId });

  /** The stored PDF's text, its wrapped lines joined again. */
  async function printed(invoice: Invoice): Promise<{ lines: string[]; text: string }> {
    const lines = pdfLines(await context.get(InvoiceStorage).get(invoice.pdfPath!));
    return { lines, text: lines.join(' ') };
  }

  /** A booking on a new session, confirmed as a payment or finance would confirm it. */
  async function booking(
    method: ConfirmationMethod | null,
    options: SessionOptions & { publicBody?: boolean } = {},
  ): Promise<{ bookingId: string; booker: TestBooker }> {
    const { sessionId } = await insertPublishedSession(db, options);
    const booker = await insertBooker(db);
    if (options.publicBody) {
      await db.query(`UPDATE organisations SET is_public_body = true WHERE id = $1`, [
        booker.organisationId,
      ]);
    }
    const { body } = await context.get(BookUseCase).execute({
      actor: booker.actor,
      organisationId: booker.organisationId,
      sessionId,
      attendees: [{ name: 'Participant', email: `p-${randomUUID()}@test.mutualis.fr` }],
    });
    if (method) {
      const paid = method === 'card' || method === 'sepa_debit';
      await context.get(ConfirmBookingUseCase).execute({
        bookingId: body.id,
        method,
        confirmedBy: null,
        ...(paid ? { paidCents: body.totalInclVatCents } : {}),
      });
    }
    return { bookingId: body.id, booker };
  }

  it('an invoice paid by card when the booking was confirmed is « acquittée » and asks nothing', async () => {
    const { bookingId } = await booking('card');
    const { confirmedAt, totalInclVatCents } = await bookingRow(bookingId);

    expect(await issue(bookingId)).toBe('issued');

    const invoice = await invoiceOf(bookingId);
    const paidOn = parisDate(confirmedAt!);
    expect(invoice).toMatchObject({
      paymentMeans: 'card',
      prepaidAmountCents: totalInclVatCents, // EN 16931 BT-113
      payableAmountCents: 0, // BT-115
      paidOn,
      dueDate: paidOn,
    });
    const { text } = await printed(invoice);
    expect(text).toContain(`Facture acquittée le ${formatFrenchDate(paidOn)} par carte bancaire.`);
    expect(text).toContain('Net à payer 0,00 €');
    expect(text).not.toContain('Référence de paiement');
    expect(text).not.toContain('Paiement par virement');

    // The payment recorded afterwards (payment.succeeded) settles the running balance.
    await context.get(RecordInvoicePaymentUseCase).execute({
      source: `test:${randomUUID()}`,
      bookingId,
      amountCents: totalInclVatCents,
      method: 'card',
    });
    expect((await invoiceOf(bookingId)).status).toBe('paid');
  });

  it('an invoice paid by SEPA debit says so', async () => {
    const { bookingId } = await booking('sepa_debit');
    await issue(bookingId);

    const invoice = await invoiceOf(bookingId);
    expect(invoice).toMatchObject({ paymentMeans: 'sepa_debit', payableAmountCents: 0 });
    const { text } = await printed(invoice);
    expect(text).toContain(
      `Facture acquittée le ${formatFrenchDate(invoice.paidOn!)} par prélèvement SEPA.`,
    );
    expect(text).toContain('Net à payer 0,00 €');
  });

  it('an invoice paid by transfer gives its due date, the bank details and its reference', async () => {
    const { bookingId } = await booking('bank_transfer');
    await issue(bookingId);

    const invoice = await invoiceOf(bookingId);
    expect(invoice).toMatchObject({
      paymentMeans: 'bank_transfer',
      prepaidAmountCents: 0,
      payableAmountCents: invoice.totalInclVatCents,
      paidOn: null,
    });
    const { text } = await printed(invoice);
    expect(text).toContain(
      `Paiement par virement à 30 jours, au plus tard le ${formatFrenchDate(invoice.dueDate!)}.`,
    );
    expect(text).toMatch(/Virement : IBAN FR\d\d( \w{4})+/);
    expect(text).toContain(`Référence de paiement : ${invoice.paymentReference!.slice(0, 4)}`);
    expect(text).toContain('Pénalités de retard (art. L441-10 du code de commerce)');
  });

  it('an invoice paid by cheque says to whom and where', async () => {
    const { bookingId } = await booking('cheque');
    await issue(bookingId);

    const invoice = await invoiceOf(bookingId);
    const { text } = await printed(invoice);
    expect(text).toContain(
      `Paiement par chèque à 30 jours, au plus tard le ${formatFrenchDate(invoice.dueDate!)}, ` +
        "à l'ordre de CRESS de test",
    );
    expect(text).not.toContain('IBAN');
  });

  it('a public buyer paying by administrative mandate gets the public-procurement terms', async () => {
    const { bookingId } = await booking('administrative_mandate', { publicBody: true });
    await issue(bookingId);

    const invoice = await invoiceOf(bookingId);
    expect(invoice.buyer.publicBody).toBe(true);
    const { text } = await printed(invoice);
    expect(text).toContain(
      'Paiement par mandat administratif dans le délai global de paiement de 30 jours ' +
        '(art. R2192-10 du code de la commande publique)',
    );
    expect(text).toContain('(art. R2192-31 du code de la commande publique)');
    expect(text).toContain('(art. D2192-35 du code de la commande publique)');
    expect(text).not.toContain('L441-10');
  });

  it('a session over several days prints its period, first to last day in Paris', async () => {
    const { bookingId } = await booking('bank_transfer', { lastsMs: 2 * DAY_MS + 8 * 3_600_000 });
    await issue(bookingId);

    const invoice = await invoiceOf(bookingId);
    const [{ starts_at: startsAt, ends_at: endsAt }] = await db.query<
      { starts_at: Date; ends_at: Date }[]
    >(
      `SELECT s.starts_at, s.ends_at FROM sessions s JOIN bookings b ON b.session_id = s.id
        WHERE b.id = $1`,
      [bookingId],
    );
    expect(invoice.serviceDate).toBe(parisDate(startsAt));
    expect(invoice.serviceEndDate).toBe(parisDate(endsAt));
    const { text } = await printed(invoice);
    expect(text).toContain(
      `Période de la prestation : du ${formatFrenchDate(parisDate(startsAt))} ` +
        `au ${formatFrenchDate(parisDate(endsAt))}`,
    );
    expect(text).toContain(`Du ${formatFrenchDate(parisDate(startsAt))} à `);
  });

  /** Cancels as the member, and issues the credit note from the cancellation event. */
  async function cancelAndCredit(bookingId: string, booker: TestBooker): Promise<Invoice> {
    const { refund } = await context
      .get(CancelBookingUseCase)
      .execute({ actor: booker.actor, bookingId });
    const [{ id: eventId }] = await db.query<{ id: string }[]>(
      `SELECT id FROM outbox_events WHERE aggregate_id = $1 AND type = $2`,
      [bookingId, BookingEvents.Cancelled],
    );
    expect(
      await context
        .get(IssueCancellationCreditNoteUseCase)
        .execute(eventId, bookingId, refund.percent),
    ).toBe('issued');
    const [creditNote] = await creditNotesOf((await invoiceOf(bookingId)).id);
    return creditNote;
  }

  it('a cancelled card booking: the credit note is the refund, sent back to the card, with no reference and no service date', async () => {
    // 123,45 € + 24,69 € VAT, cancelled 10 days before: half refunded. Half of 148,14 € would
    // be 74,07 €; the credit note of half of each line is 61,73 € + 12,35 € VAT = 74,08 €.
    const { bookingId, booker } = await booking('card', {
      memberPriceCents: 12_345,
      startsInMs: 10 * DAY_MS,
    });
    await issue(bookingId);

    const creditNote = await cancelAndCredit(bookingId, booker);

    const { refundCents, cancelledAt } = await bookingRow(bookingId);
    expect(refundCents).toBe(7_408);
    expect(creditNote).toMatchObject({
      totalInclVatCents: 7_408,
      paymentReference: null,
      serviceCancelled: true,
      paymentMeans: 'card',
      prepaidAmountCents: 0,
      payableAmountCents: 7_408,
      paidOn: parisDate(cancelledAt!),
      dueDate: null,
    });
    const { text } = await printed(creditNote);
    expect(text).toContain(
      'Remboursement de 74,08 € sur la carte bancaire ayant servi au paiement, ' +
        `ordonné le ${formatFrenchDate(parisDate(cancelledAt!))}.`,
    );
    expect(text).toContain('Prestation annulée');
    expect(text).not.toContain(formatFrenchDate(creditNote.serviceDate));
    expect(text).toContain('Net à vous rembourser 74,08 €');
    for (const absent of [
      'Date de la prestation',
      'Référence de paiement',
      'Pénalités de retard',
      'Indemnité forfaitaire',
    ]) {
      expect(text).not.toContain(absent);
    }
  });

  it('a cancelled booking whose invoice is not paid yet: the credit note is set off against it', async () => {
    const { bookingId, booker } = await booking('bank_transfer');
    await issue(bookingId);
    const invoice = await invoiceOf(bookingId);

    const creditNote = await cancelAndCredit(bookingId, booker);

    expect(creditNote).toMatchObject({
      totalInclVatCents: invoice.totalInclVatCents,
      paymentMeans: null,
      prepaidAmountCents: invoice.totalInclVatCents,
      payableAmountCents: 0,
      dueDate: null,
    });
    const { text } = await printed(creditNote);
    expect(text).toContain(`Avoir imputé sur la facture n° ${invoice.number} :`);
    expect(text).toContain('Net à vous rembourser 0,00 €');
    expect(text).not.toContain('Remboursement de');
  });

  it('a cancelled transfer booking already paid is refunded by transfer, by a date', async () => {
    const { bookingId, booker } = await booking('bank_transfer');
    await issue(bookingId);
    const invoice = await invoiceOf(bookingId);
    await context.get(RecordInvoicePaymentUseCase).execute({
      source: `test:${randomUUID()}`,
      bookingId,
      amountCents: invoice.totalInclVatCents,
      method: 'bank_transfer',
    });

    const creditNote = await cancelAndCredit(bookingId, booker);

    expect(creditNote).toMatchObject({
      paymentMeans: 'bank_transfer',
      prepaidAmountCents: 0,
      payableAmountCents: creditNote.totalInclVatCents,
      dueDate: expect.any(String),
    });
    const { text } = await printed(creditNote);
    expect(text).toContain(
      'par virement sur votre compte, au plus tard le ' +
        `${formatFrenchDate(creditNote.dueDate!)}.`,
    );
  });

  describe('what the database holds', () => {
    it('keeps what an issued invoice says of its settlement', async () => {
      const { bookingId } = await booking('card');
      await issue(bookingId);
      const { id } = await invoiceOf(bookingId);

      for (const change of [
        `prepaid_amount_cents = 0`,
        `payable_amount_cents = total_incl_vat_cents`,
        `payment_means = 'bank_transfer', paid_on = NULL`,
        // A date no session ends on (service_date + 1 is the real one for a session that
        // crosses midnight in Paris, as one booked in the evening does).
        `service_end_date = DATE '2099-12-31'`,
      ]) {
        await expect(db.query(`UPDATE invoices SET ${change} WHERE id = $1`, [id])).rejects.toThrow(
          /cannot be changed/,
        );
      }
    });

    it('refuses an issued document whose settled and due amounts are not its total', async () => {
      const { bookingId } = await booking('bank_transfer');
      await issue(bookingId);
      const invoice = await invoiceOf(bookingId);
      const draft = await db.query<{ id: string }[]>(
        `INSERT INTO invoices (chambre_id, type, type_code, status, organisation_id, payment_reference,
                               service_date, total_excl_vat_cents, total_vat_cents, total_incl_vat_cents,
                               seller, buyer, vat_breakdown)
         SELECT chambre_id, 'invoice', 380, 'draft', organisation_id, 'RF18' || substr(md5(random()::text), 1, 16),
                service_date, 100, 20, 120, seller, buyer, vat_breakdown
           FROM invoices WHERE id = $1
         RETURNING id`,
        [invoice.id],
      );
      const issueAs = (settlement: string) =>
        db.query(
          `UPDATE invoices SET status = 'issued', number = 'T-' || id, issue_date = current_date,
                               issued_at = now(), ${settlement}
            WHERE id = $1`,
          [draft[0].id],
        );
      await expect(issueAs(`payable_amount_cents = NULL`)).rejects.toThrow(
        /invoices_settlement_adds_up/,
      );
      await expect(
        issueAs(`prepaid_amount_cents = 120, payable_amount_cents = 120`),
      ).rejects.toThrow(/invoices_settlement_adds_up/);
      await expect(
        issueAs(`payment_means = 'cheque', paid_on = current_date, payable_amount_cents = 120`),
      ).rejects.toThrow(/invoices_paid_on_online/);
      await expect(
        db.query(`UPDATE invoices SET payment_reference = NULL WHERE id = $1`, [draft[0].id]),
      ).rejects.toThrow(/invoices_payable_by_reference/);
      // The application may not delete invoices, even drafts: the owner clears the test's own.
      const owner = new Client({ connectionString: process.env.DATABASE_URL });
      await owner.connect();
      await owner
        .query(`DELETE FROM invoices WHERE id = $1`, [draft[0].id])
        .finally(() => owner.end());
    });
  });
});
