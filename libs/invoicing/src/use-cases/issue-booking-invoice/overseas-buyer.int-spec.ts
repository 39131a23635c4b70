import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { BookUseCase, ConfirmBookingUseCase } from '@mutualis/booking';
import {
  configureChambre,
  createTestContext,
  insertBooker,
  insertPublishedSession,
} from '@mutualis/testing';
import { InvoicingModule } from '../../invoicing.module';
import {
  IssueBookingInvoiceUseCase,
  OverseasBuyerNotInvoiced,
} from './issue-booking-invoice.use-case';

// A booking paid by card, whose organisation then moved overseas (or booked before the check
// existed), reaches the invoice job: no invoice with metropolitan VAT is issued.
describe('IssueBookingInvoiceUseCase for an organisation established overseas', () => {
  let context: INestApplicationContext;
  let db: DataSource;
  let storage: string;

  beforeAll(async () => {
    storage = mkdtempSync(join(tmpdir(), 'mutualis-overseas-'));
    context = await createTestContext([InvoicingModule], { INVOICE_STORAGE_DIR: storage });
    db = context.get(DataSource);
    await configureChambre(db);
  });

  afterAll(async () => {
    await context.close();
    rmSync(storage, { recursive: true, force: true });
  });

  afterEach(() => jest.restoreAllMocks());

  it('issues nothing, not even a draft, fails the job without retrying and raises an alert', async () => {
    const { sessionId } = await insertPublishedSession(db, { memberPriceCents: 15_000 });
    const booker = await insertBooker(db);
    const { body } = await context.get(BookUseCase).execute({
      actor: booker.actor,
      organisationId: booker.organisationId,
      sessionId,
      attendees: [{ name: 'Participant', email: `p-${randomUUID()}@test.mutualis.fr` }],
    });
    await context
      .get(ConfirmBookingUseCase)
      .execute({ bookingId: body.id, method: 'card', confirmedBy: null });
    await db.query(
      `UPDATE organisations SET postal_code = '97200', department = '972', city = 'Fort-de-France'
        WHERE id = $1`,
      [booker.organisationId],
    );
    const alerts = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);

    const issuing = context.get(IssueBookingInvoiceUseCase).execute(body.id);

    await expect(issuing).rejects.toBeInstanceOf(OverseasBuyerNotInvoiced);
    // BullMQ moves the job to the failed list at once, where an admin can retry it later.
    await expect(issuing).rejects.toBeInstanceOf(UnrecoverableError);
    await expect(issuing).rejects.toThrow(/Martinique/);
    expect(await db.query(`SELECT id FROM invoices WHERE booking_id = $1`, [body.id])).toEqual([]);
    expect(alerts).toHaveBeenCalledWith(
      expect.objectContaining({
        alert: 'overseas_buyer_not_invoiced',
        bookingId: body.id,
        territory: '972',
      }),
      expect.stringContaining('ALERT'),
    );
  });
});
