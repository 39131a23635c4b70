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
  validSiret,
} from '@mutualis/testing';
import { Invoice } from '../entities/invoice.entity';
import { InvoicingModule } from '../invoicing.module';
import { IssueBookingInvoiceUseCase } from '../use-cases/issue-booking-invoice/issue-booking-invoice.use-case';
import { AdvanceTransmissionUseCase } from './use-cases/advance-transmission/advance-transmission.use-case';

// A document's transmission is opened by the transaction that issues it. Without CHORUS_PRO_*
// (none is set for integration specs), a public buyer's invoice waits, visibly.
describe('the transmission of an issued document', () => {
  let context: INestApplicationContext;
  let db: DataSource;
  let storage: string;

  beforeAll(async () => {
    storage = mkdtempSync(join(tmpdir(), 'mutualis-transmission-'));
    context = await createTestContext([InvoicingModule], {
      INVOICE_STORAGE_DIR: storage,
      CHORUS_PRO_API_URL: '',
      CHORUS_PRO_CLIENT_ID: '',
    });
    db = context.get(DataSource);
    await configureChambre(db);
  });

  afterAll(async () => {
    await context.close();
    rmSync(storage, { recursive: true, force: true });
  });

  /** A confirmed booking's invoice, issued; by a public body asking for an engagement number. */
  async function issuedInvoice(publicBody: boolean): Promise<Invoice> {
    const { sessionId } = await insertPublishedSession(db);
    const booker = await insertBooker(db);
    if (publicBody) {
      await db.query(
        `UPDATE organisations
            SET is_public_body = true, chorus_structure_siret = $2,
                chorus_engagement_number_required = true
          WHERE id = $1`,
        [booker.organisationId, validSiret()],
      );
    }
    const { body } = await context.get(BookUseCase).execute({
      actor: booker.actor,
      organisationId: booker.organisationId,
      sessionId,
      attendees: [{ name: 'Agent', email: `agent-${randomUUID()}@test.mutualis.fr` }],
      ...(publicBody ? { engagementNumber: 'EJ-1' } : {}),
    });
    await context.get(ConfirmBookingUseCase).execute({
      bookingId: body.id,
      method: publicBody ? 'administrative_mandate' : 'cheque',
      confirmedBy: null,
    });
    expect(await context.get(IssueBookingInvoiceUseCase).execute(body.id)).toBe('issued');
    return db.getRepository(Invoice).findOneByOrFail({ bookingId: body.id });
  }

  const transmissionOf = async (invoiceId: string) =>
    (
      await db.query<
        { channel: string; state: string; next_attempt_at: Date | null; steps: number }[]
      >(
        `SELECT channel, state, next_attempt_at, steps FROM invoice_transmissions WHERE invoice_id = $1`,
        [invoiceId],
      )
    )[0];
  const lifecycleOf = (invoiceId: string) =>
    db.query<{ status: string; occurred_at: Date }[]>(
      `SELECT status, occurred_at FROM invoice_lifecycle_events WHERE invoice_id = $1`,
      [invoiceId],
    );

  it('hands a private buyer’s invoice to the e-mail, issued at its issue time', async () => {
    const invoice = await issuedInvoice(false);
    expect(await transmissionOf(invoice.id)).toMatchObject({
      channel: 'email',
      state: 'delegated',
      next_attempt_at: null,
    });
    expect(await lifecycleOf(invoice.id)).toEqual([
      { status: 'issued', occurred_at: invoice.issuedAt },
    ]);
  });

  it('keeps a public buyer’s invoice waiting on Chorus Pro without its settings: no crash, no e-mail channel instead', async () => {
    const invoice = await issuedInvoice(true);
    expect(invoice.buyer.publicProcurement?.engagementNumber).toBe('EJ-1');
    // Opened with the invoice, due at once (the sweep's, should its first job be lost).
    expect(await transmissionOf(invoice.id)).toMatchObject({
      channel: 'chorus_pro',
      state: 'pending',
      next_attempt_at: invoice.issuedAt,
      steps: 0,
    });

    const advance = context.get(AdvanceTransmissionUseCase);
    expect(await advance.execute(invoice.id, 0)).toBe('awaiting_configuration');
    // The step delivered again: the same, nothing more recorded.
    expect(await advance.execute(invoice.id, 0)).toBe('awaiting_configuration');

    const transmission = await transmissionOf(invoice.id);
    expect(transmission).toMatchObject({
      channel: 'chorus_pro',
      state: 'awaiting_configuration',
      steps: 0,
    });
    expect(transmission.next_attempt_at!.getTime()).toBeGreaterThan(Date.now());
    expect(await lifecycleOf(invoice.id)).toEqual([
      { status: 'issued', occurred_at: invoice.issuedAt },
    ]);
  });
});
