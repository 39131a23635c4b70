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
import { Invoice } from '../../../entities/invoice.entity';
import { InvoicingModule } from '../../../invoicing.module';
import { IssueBookingInvoiceUseCase } from '../../../use-cases/issue-booking-invoice/issue-booking-invoice.use-case';
import { OpenTransmissionUseCase } from './open-transmission.use-case';

// Without CHORUS_PRO_* (none is set for integration specs): a public buyer's invoice waits.
describe('OpenTransmissionUseCase without Chorus Pro settings', () => {
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

  /**
   * A public body's booking, with the engagement number its Chorus Pro structure asks for,
   * confirmed on an administrative mandate: the invoice is issued with the buyer's references.
   */
  async function publicInvoice(structureSiret: string): Promise<Invoice> {
    const booker = await insertBooker(db);
    await db.query(
      `UPDATE organisations
          SET is_public_body = true, chorus_structure_siret = $2,
              chorus_engagement_number_required = true
        WHERE id = $1`,
      [booker.organisationId, structureSiret],
    );
    const { sessionId } = await insertPublishedSession(db);
    const { body } = await context.get(BookUseCase).execute({
      actor: booker.actor,
      organisationId: booker.organisationId,
      sessionId,
      attendees: [{ name: 'Agent', email: `agent-${randomUUID()}@test.mutualis.fr` }],
      engagementNumber: 'EJ-1',
    });
    await context
      .get(ConfirmBookingUseCase)
      .execute({ bookingId: body.id, method: 'administrative_mandate', confirmedBy: null });
    expect(await context.get(IssueBookingInvoiceUseCase).execute(body.id)).toBe('issued');
    return db.getRepository(Invoice).findOneByOrFail({ bookingId: body.id });
  }

  it('keeps the invoice waiting, visibly, on Chorus Pro: no crash, no e-mail channel instead', async () => {
    const structureSiret = validSiret();
    const invoice = await publicInvoice(structureSiret);
    expect(invoice.buyer).toMatchObject({
      publicBody: true,
      publicProcurement: { structureSiret, engagementNumber: 'EJ-1', serviceCode: null },
    });

    expect(await context.get(OpenTransmissionUseCase).execute(invoice.id)).toBe(
      'awaiting_configuration',
    );
    // Delivered again: the same, nothing more recorded.
    expect(await context.get(OpenTransmissionUseCase).execute(invoice.id)).toBe(
      'awaiting_configuration',
    );

    const [transmission] = await db.query<
      { channel: string; state: string; next_attempt_at: Date | null; steps: number }[]
    >(
      `SELECT channel, state, next_attempt_at, steps FROM invoice_transmissions WHERE invoice_id = $1`,
      [invoice.id],
    );
    expect(transmission).toMatchObject({
      channel: 'chorus_pro',
      state: 'awaiting_configuration',
      steps: 0,
    });
    expect(transmission.next_attempt_at!.getTime()).toBeGreaterThan(Date.now());
    const lifecycle = await db.query<{ status: string; occurred_at: Date }[]>(
      `SELECT status, occurred_at FROM invoice_lifecycle_events WHERE invoice_id = $1`,
      [invoice.id],
    );
    expect(lifecycle).toEqual([{ status: 'issued', occurred_at: invoice.issuedAt }]);
  });
});
