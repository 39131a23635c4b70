import { randomUUID } from 'node:crypto';
import {
  appendFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BookUseCase, ConfirmBookingUseCase } from '@mutualis/booking';
import {
  configureChambre,
  createTestContext,
  insertBooker,
  insertPublishedSession,
} from '@mutualis/testing';
import { Invoice } from '../../entities/invoice.entity';
import { InvoicingErrorCode } from '../../invoicing.exception';
import { InvoicingModule } from '../../invoicing.module';
import { InvoicePdfService } from '../../services/invoice-pdf.service';
import { IssueBookingInvoiceUseCase } from '../issue-booking-invoice/issue-booking-invoice.use-case';
import { GetInvoicePdfUseCase } from './get-invoice-pdf.use-case';

const FINANCE = { userId: randomUUID(), roles: ['finance' as const] };

describe('GetInvoicePdfUseCase', () => {
  let context: INestApplicationContext;
  let db: DataSource;
  let storage: string;

  beforeAll(async () => {
    storage = mkdtempSync(join(tmpdir(), 'mutualis-pdf-'));
    context = await createTestContext([InvoicingModule], { INVOICE_STORAGE_DIR: storage });
    db = context.get(DataSource);
    await configureChambre(db);
  });

  afterAll(async () => {
    await context.close();
    rmSync(storage, { recursive: true, force: true });
  });

  afterEach(() => jest.restoreAllMocks());

  async function issuedInvoice(): Promise<Invoice> {
    const { sessionId } = await insertPublishedSession(db, { memberPriceCents: 12_000 });
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

  const download = (invoiceId: string) =>
    context.get(GetInvoicePdfUseCase).execute(FINANCE, invoiceId);

  it('serves the PDF stored when the invoice was issued', async () => {
    const invoice = await issuedInvoice();
    const { filename, content } = await download(invoice.id);
    expect(filename).toBe(`${invoice.number}.pdf`);
    expect(content.equals(readFileSync(join(storage, invoice.pdfPath!)))).toBe(true);
  });

  it.each([
    ['appended to', (path: string) => appendFileSync(path, '% one more line\n')],
    [
      'altered by one byte',
      (path: string) => {
        const content = readFileSync(path);
        content[content.length >> 1] ^= 0x01;
        writeFileSync(path, content);
      },
    ],
    ['deleted', (path: string) => unlinkSync(path)],
  ])(
    'never serves a stored PDF %s since it was issued: a problem for the caller, an alert for the staff',
    async (_how, tamper) => {
      const invoice = await issuedInvoice();
      tamper(join(storage, invoice.pdfPath!));
      const alerts = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);

      await expect(download(invoice.id)).rejects.toMatchObject({
        code: InvoicingErrorCode.PdfIntegrityFailed,
        kind: 'conflict',
        message: expect.stringContaining(invoice.number!),
      });
      // Nor is it attached to an e-mail.
      await expect(context.get(InvoicePdfService).read(invoice.id)).rejects.toMatchObject({
        code: InvoicingErrorCode.PdfIntegrityFailed,
      });
      expect(alerts).toHaveBeenCalledWith(
        expect.objectContaining({
          alert: 'invoice_pdf_integrity',
          invoiceId: invoice.id,
          recordedSha256: invoice.pdfSha256,
        }),
        expect.stringContaining('ALERT'),
      );
      // The record is untouched: the recorded hash still names the original.
      const after = await db.getRepository(Invoice).findOneByOrFail({ id: invoice.id });
      expect(after.pdfSha256).toBe(invoice.pdfSha256);
    },
  );
});
