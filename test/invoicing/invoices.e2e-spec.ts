import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import sharp from 'sharp';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  CreateDraftInvoiceUseCase,
  IssueBookingInvoiceUseCase,
  IssueCancellationCreditNoteUseCase,
  IssueRequestedCreditNoteUseCase,
  InvoiceRepository,
  isValidRfReference,
  RecordInvoicePaymentUseCase,
  renderFacturX,
  toDocument,
} from '@mutualis/invoicing';
import {
  claimedPng,
  configureChambre,
  DAY_MS,
  insertOrganisations,
  insertPublishedSession,
} from '@mutualis/testing';
import { grantPlatformRoles, registerAndLogIn, TestUser } from '../support/api-client';
import { createTestApp } from '../support/test-app';
import { ownerSql } from '../support/owner-database';

// Invoices issued from confirmed bookings (the use cases the worker runs, called in-process
// here; test/invoicing/numbering.e2e-spec.ts goes through the worker processes).
describe('invoices and credit notes', () => {
  let app: NestExpressApplication;
  let db: DataSource;
  let storage: string;
  let member: TestUser;
  let outsider: TestUser;
  let finance: TestUser;
  let organisationId: string;

  beforeAll(async () => {
    storage = mkdtempSync(join(tmpdir(), 'mutualis-invoices-'));
    app = await createTestApp({ INVOICE_STORAGE_DIR: storage });
    db = app.get(DataSource);
    await configureChambre(db);
    [member, outsider, finance] = await Promise.all([
      registerAndLogIn(app, 'billed'),
      registerAndLogIn(app, 'stranger'),
      registerAndLogIn(app, 'accountant'),
    ]);
    await grantPlatformRoles(app, finance, ['finance']);
    [organisationId] = await insertOrganisations(db, member.id, 1);
    await insertOrganisations(db, outsider.id, 1);
  });

  afterAll(async () => {
    await app.close();
    rmSync(storage, { recursive: true, force: true });
  });

  const api = () => request(app.getHttpServer());

  async function invoiceAsSeenBy(invoiceId: string, user: TestUser = member) {
    return (
      await api()
        .get(`/api/invoices/${invoiceId}`)
        .auth(user.accessToken, { type: 'bearer' })
        .expect(200)
    ).body;
  }

  async function pdfOf(invoiceId: string): Promise<Buffer> {
    return (
      await api()
        .get(`/api/invoices/${invoiceId}/pdf`)
        .auth(finance.accessToken, { type: 'bearer' })
        .responseType('blob')
        .expect(200)
    ).body as Buffer;
  }

  async function confirmedBooking(
    options: Parameters<typeof insertPublishedSession>[1] = {},
    seats = 1,
  ): Promise<string> {
    const { sessionId } = await insertPublishedSession(db, options);
    const booked = await api()
      .post('/api/bookings')
      .auth(member.accessToken, { type: 'bearer' })
      .send({
        organisationId,
        sessionId,
        attendees: Array.from({ length: seats }, (_, index) => ({
          name: `Salariée ${index + 1}`,
          email: `s${index}@test.mutualis.fr`,
        })),
      })
      .expect(201);
    await api()
      .post(`/api/bookings/${booked.body.id}/confirm`)
      .auth(finance.accessToken, { type: 'bearer' })
      .send({ method: 'cheque' })
      .expect(200);
    return booked.body.id as string;
  }

  async function invoiceOf(bookingId: string) {
    await app.get(IssueBookingInvoiceUseCase).execute(bookingId);
    const [{ id }] = await db.query<{ id: string }[]>(
      `SELECT id FROM invoices WHERE booking_id = $1 AND type = 'invoice'`,
      [bookingId],
    );
    return invoiceAsSeenBy(id);
  }

  it('stores the PDF of what it issued, byte for byte the one rendered from the invoice read back', async () => {
    // The issuing worker renders from the invoice and lines it holds in memory, not from a
    // read: a column it forgot to carry (a due date, a number) would show here.
    const invoice = await invoiceOf(
      await confirmedBooking({ memberPriceCents: 9_990, vatTreatment: 'standard' }, 2),
    );
    const invoices = app.get(InvoiceRepository);
    const stored = (await invoices.findById(invoice.id))!;
    expect(stored.dueDate).not.toBeNull();
    const reread = await renderFacturX(
      toDocument(stored, await invoices.linesOf([stored.id]), null),
    );
    expect((await pdfOf(invoice.id)).equals(reread)).toBe(true);
  });

  it('issues one numbered invoice per confirmed booking, with a valid RF reference, and a second run does nothing', async () => {
    const bookingId = await confirmedBooking(
      { memberPriceCents: 12_345, vatTreatment: 'standard' },
      3,
    );
    const invoice = await invoiceOf(bookingId);
    expect(invoice).toMatchObject({
      type: 'invoice',
      typeCode: 380,
      status: 'issued',
      number: expect.stringMatching(/^F-\d{4}-\d{6}$/),
      totalExclVatCents: 37_035,
      totalVatCents: 7_407,
      totalInclVatCents: 44_442,
      amountDueCents: 44_442,
      pdfAvailable: true,
    });
    expect(isValidRfReference(invoice.paymentReference)).toBe(true);
    expect(invoice.lines[0]).toMatchObject({
      quantity: 3,
      unitPriceExclVatCents: 12_345,
      vatCategory: 'S',
      vatRateBasisPoints: 2000,
    });
    expect(invoice.lines[0].description).toContain('Salariée 1, Salariée 2, Salariée 3');
    const due = new Date(`${invoice.issueDate}T12:00:00Z`).getTime() + 30 * DAY_MS;
    expect(invoice.dueDate).toBe(new Date(due).toISOString().slice(0, 10));

    expect(await app.get(IssueBookingInvoiceUseCase).execute(bookingId)).toBe('already_issued');
    const [{ count }] = await db.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM invoices WHERE booking_id = $1`,
      [bookingId],
    );
    expect(count).toBe(1);
  });

  it('prints the exemption instead of VAT for professional training', async () => {
    const invoice = await invoiceOf(
      await confirmedBooking({ memberPriceCents: 18_000, vatTreatment: 'exempt_training' }, 2),
    );
    expect(invoice).toMatchObject({
      totalExclVatCents: 36_000,
      totalVatCents: 0,
      totalInclVatCents: 36_000,
    });
    expect(invoice.vatBreakdown).toEqual([
      expect.objectContaining({
        vatCategory: 'E',
        vatAmountCents: 0,
        exemptionReason: 'Exonération de TVA, art. 261, 4, 4° a du CGI',
        vatRegime: 'exempt_training',
        vatexCode: 'VATEX-FR-CGI261-4',
      }),
    ]);
    expect(invoice.lines).toEqual([
      expect.objectContaining({ vatRegime: 'exempt_training', vatexCode: 'VATEX-FR-CGI261-4' }),
    ]);
  });

  it('refuses any change to an issued invoice in the database itself', async () => {
    const invoice = await invoiceOf(await confirmedBooking());
    await expect(
      db.query(
        `UPDATE invoices SET total_excl_vat_cents = 1, total_incl_vat_cents = 1 + total_vat_cents WHERE id = $1`,
        [invoice.id],
      ),
    ).rejects.toThrow(/cannot be changed/);
    await expect(
      db.query(`UPDATE invoices SET buyer = '{}' WHERE id = $1`, [invoice.id]),
    ).rejects.toThrow(/cannot be changed/);
    // The application role may not delete an invoice at all; the owner meets the trigger.
    await expect(db.query(`DELETE FROM invoices WHERE id = $1`, [invoice.id])).rejects.toThrow(
      /permission denied for table invoices/,
    );
    await expect(ownerSql(`DELETE FROM invoices WHERE id = $1`, [invoice.id])).rejects.toThrow(
      /cannot be deleted/,
    );
    await expect(
      db.query(
        `UPDATE invoice_lines SET unit_price_excl_vat_cents = 1, line_total_excl_vat_cents = quantity WHERE invoice_id = $1`,
        [invoice.id],
      ),
    ).rejects.toThrow(/cannot change/);
    await expect(
      db.query(`DELETE FROM invoice_lines WHERE invoice_id = $1`, [invoice.id]),
    ).rejects.toThrow(/permission denied for table invoice_lines/);
    await expect(
      ownerSql(`DELETE FROM invoice_lines WHERE invoice_id = $1`, [invoice.id]),
    ).rejects.toThrow(/cannot change/);
    const [after] = await db.query<{ total_incl_vat_cents: string }[]>(
      `SELECT total_incl_vat_cents FROM invoices WHERE id = $1`,
      [invoice.id],
    );
    expect(Number(after.total_incl_vat_cents)).toBe(invoice.totalInclVatCents);
  });

  it('credits half of a booking cancelled ten days before, and the invoice owes only the rest', async () => {
    const bookingId = await confirmedBooking({
      startsInMs: 10 * DAY_MS,
      memberPriceCents: 15_001,
      vatTreatment: 'standard',
    });
    const invoice = await invoiceOf(bookingId);
    const cancelled = await api()
      .post(`/api/bookings/${bookingId}/cancel`)
      .auth(member.accessToken, { type: 'bearer' })
      .send({})
      .expect(200);
    // The booking refunds what its credit note credits (below), to the cent.
    expect(cancelled.body.refund).toMatchObject({
      percent: 50,
      basis: 'policy',
      amountCents: 9_001,
    });
    const [event] = await db.query<{ id: string }[]>(
      `SELECT id FROM outbox_events WHERE aggregate_id = $1 AND type = 'booking.cancelled'`,
      [bookingId],
    );
    const creditNote = app.get(IssueCancellationCreditNoteUseCase);
    expect(await creditNote.execute(event.id, bookingId, 50)).toBe('issued');
    expect(await creditNote.execute(event.id, bookingId, 50)).toBe('already_issued');

    const list = await api()
      .get('/api/invoices')
      .auth(member.accessToken, { type: 'bearer' })
      .query({ limit: 100 })
      .expect(200);
    const avoir = list.body.items.find(
      (item: { correctsInvoiceId: string | null }) => item.correctsInvoiceId === invoice.id,
    );
    // Half of 150.01 € excl. VAT is 75.005 € → 75.01 €, plus 20 % VAT (15.002 → 15.00): 90.01 €.
    expect(avoir).toMatchObject({
      type: 'credit_note',
      typeCode: 381,
      status: 'issued',
      number: expect.stringMatching(/^AV-\d{4}-\d{6}$/),
      totalExclVatCents: 7_501,
      totalVatCents: 1_500,
      totalInclVatCents: 9_001,
    });
    const after = await invoiceAsSeenBy(invoice.id);
    expect(after).toMatchObject({
      status: 'issued',
      amountCreditedCents: 9_001,
      amountDueCents: invoice.totalInclVatCents - 9_001,
    });
  });

  it('cancels an invoice credited in full', async () => {
    const bookingId = await confirmedBooking({
      startsInMs: 30 * DAY_MS,
      vatTreatment: 'exempt_training',
    });
    const invoice = await invoiceOf(bookingId);
    await api()
      .post(`/api/bookings/${bookingId}/cancel`)
      .auth(member.accessToken, { type: 'bearer' })
      .send({})
      .expect(200);
    const [event] = await db.query<{ id: string }[]>(
      `SELECT id FROM outbox_events WHERE aggregate_id = $1 AND type = 'booking.cancelled'`,
      [bookingId],
    );
    await app.get(IssueCancellationCreditNoteUseCase).execute(event.id, bookingId, 100);
    const after = await invoiceAsSeenBy(invoice.id);
    expect(after).toMatchObject({
      status: 'cancelled',
      amountCreditedCents: invoice.totalInclVatCents,
      amountDueCents: 0,
    });
  });

  it('lets finance ask for a credit note, drafted at once and numbered by the worker, never beyond the invoice', async () => {
    const invoice = await invoiceOf(
      await confirmedBooking({ memberPriceCents: 10_000, vatTreatment: 'standard' }),
    );
    await api()
      .post(`/api/invoices/${invoice.id}/credit-notes`)
      .auth(member.accessToken, { type: 'bearer' })
      .send({ amountCents: 1_000, reason: 'Geste' })
      .expect(403);
    const tooMuch = await api()
      .post(`/api/invoices/${invoice.id}/credit-notes`)
      .auth(finance.accessToken, { type: 'bearer' })
      .send({ amountCents: 12_001, reason: 'Trop' })
      .expect(422);
    expect(tooMuch.body.code).toBe('credit_exceeds_invoice');
    const drafted = await api()
      .post(`/api/invoices/${invoice.id}/credit-notes`)
      .auth(finance.accessToken, { type: 'bearer' })
      .send({ amountCents: 6_000, reason: 'Demi-journée écourtée' })
      .expect(202);
    expect(drafted.body).toMatchObject({
      status: 'draft',
      number: null,
      totalInclVatCents: 6_000,
      totalExclVatCents: 5_000,
    });
    // Nobody pays a credit note: it has no payment reference.
    expect(drafted.body.paymentReference).toBeNull();
    // The answer is built from the inserted draft, without reading it back: same as a read.
    expect(await invoiceAsSeenBy(drafted.body.id, finance)).toEqual(drafted.body);
    expect(await app.get(IssueRequestedCreditNoteUseCase).execute(drafted.body.id)).toBe('issued');
    const issued = await invoiceAsSeenBy(drafted.body.id, finance);
    expect(issued.number).toMatch(/^AV-/);
  });

  it('shows an invoice and its PDF to its organisation and finance only', async () => {
    const invoice = await invoiceOf(await confirmedBooking());
    const pdf = await api()
      .get(`/api/invoices/${invoice.id}/pdf`)
      .auth(member.accessToken, { type: 'bearer' })
      .responseType('blob')
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    await api()
      .get(`/api/invoices/${invoice.id}`)
      .auth(outsider.accessToken, { type: 'bearer' })
      .expect(404);
    await api()
      .get(`/api/invoices/${invoice.id}/pdf`)
      .auth(outsider.accessToken, { type: 'bearer' })
      .expect(404);
    await api()
      .get(`/api/invoices/${invoice.id}`)
      .auth(finance.accessToken, { type: 'bearer' })
      .expect(200);
    const theirs = await api()
      .get('/api/invoices')
      .auth(outsider.accessToken, { type: 'bearer' })
      .expect(200);
    expect(theirs.body.items).toEqual([]);
  });

  it('keeps the id and payment reference of a draft made at checkout when the worker issues it', async () => {
    const { sessionId } = await insertPublishedSession(db);
    const booked = await api()
      .post('/api/bookings')
      .auth(member.accessToken, { type: 'bearer' })
      .send({
        organisationId,
        sessionId,
        attendees: [{ name: 'Théo Faure', email: 'theo@test.mutualis.fr' }],
      })
      .expect(201);
    const drafts = app.get(CreateDraftInvoiceUseCase);
    const [first, second] = await Promise.all([
      drafts.forBooking(booked.body.id),
      drafts.forBooking(booked.body.id),
    ]);
    expect(second).toEqual(first);
    expect(isValidRfReference(first.paymentReference)).toBe(true);
    // A draft is not an invoice yet: members do not see it, and it has no number.
    await api()
      .get(`/api/invoices/${first.invoiceId}`)
      .auth(member.accessToken, { type: 'bearer' })
      .expect(404);

    await api()
      .post(`/api/bookings/${booked.body.id}/confirm`)
      .auth(finance.accessToken, { type: 'bearer' })
      .send({ method: 'bank_transfer' })
      .expect(200);
    expect(await app.get(IssueBookingInvoiceUseCase).execute(booked.body.id)).toBe('issued');
    const issued = await invoiceAsSeenBy(first.invoiceId);
    expect(issued).toMatchObject({
      id: first.invoiceId,
      paymentReference: first.paymentReference,
      status: 'issued',
    });
    expect(issued.number).toMatch(/^F-/);
  });

  it('lets admins edit the Chambre’s identity, which the next invoices print', async () => {
    await api()
      .put('/api/chambre')
      .auth(finance.accessToken, { type: 'bearer' })
      .send({ city: 'Aix-en-Provence' })
      .expect(403);
    await grantPlatformRoles(app, outsider, ['admin']);
    const bad = await api()
      .put('/api/chambre')
      .auth(outsider.accessToken, { type: 'bearer' })
      .send({ iban: 'not an iban' })
      .expect(400);
    expect(bad.body.errors[0].field).toBe('iban');
    await api()
      .put('/api/chambre')
      .auth(outsider.accessToken, { type: 'bearer' })
      .send({ legalName: 'CRESS Sud', trainingDeclarationNumber: '93 13 99999 13' })
      .expect(200);
    const invoice = await invoiceOf(await confirmedBooking());
    expect(invoice.seller).toMatchObject({
      name: 'CRESS Sud',
      trainingDeclarationNumber: '93 13 99999 13',
    });
    await grantPlatformRoles(app, outsider, []);
  });

  it('lets admins record the Chambre’s VAT settings, refusing what the law does not allow', async () => {
    const put = (body: object) =>
      api().put('/api/chambre').auth(outsider.accessToken, { type: 'bearer' }).send(body);
    await grantPlatformRoles(app, outsider, ['admin']);
    const tomorrow = new Date(Date.now() + DAY_MS).toISOString().slice(0, 10);
    const future = await put({ trainingExemptionAttestedOn: tomorrow }).expect(422);
    expect(future.body.errors[0].field).toBe('trainingExemptionAttestedOn');
    const notAttested = await put({ defaultVatTreatmentTraining: 'exempt_training' }).expect(422);
    expect(notAttested.body.errors[0].field).toBe('defaultVatTreatmentTraining');
    await put({ defaultVatTreatmentOther: 'exempt_training' }).expect(422);
    await put({ defaultVatTreatmentTraining: 'out_of_scope_subsidy' }).expect(400);
    await put({ trainingExemptionAttestedOn: '2025-02-30' }).expect(422);

    const saved = await put({
      trainingExemptionAttestedOn: '2025-09-01',
      defaultVatTreatmentTraining: 'exempt_training',
      vatOnDebits: true,
    }).expect(200);
    expect(saved.body).toMatchObject({
      trainingExemptionAttestedOn: '2025-09-01',
      defaultVatTreatmentTraining: 'exempt_training',
      defaultVatTreatmentOther: 'standard',
      vatOnDebits: true,
      trainingDeclarationNumber: expect.any(String),
    });
    await confirmedBooking({ vatTreatment: 'exempt_training' });
    const read = await api()
      .get('/api/chambre')
      .auth(finance.accessToken, { type: 'bearer' })
      .expect(200);
    expect(read.body.offeringsUnderTrainingExemption).toBeGreaterThan(0);
    const invoice = await invoiceOf(await confirmedBooking({ vatTreatment: 'standard' }));
    expect(invoice.seller.vatOnDebits).toBe(true);
    // A default resting on the attestation, then offerings sold under the exemption: it stays.
    await put({ trainingExemptionAttestedOn: null }).expect(422);
    await put({ vatOnDebits: false, defaultVatTreatmentTraining: 'standard' }).expect(200);
    const inUse = await put({ trainingExemptionAttestedOn: null }).expect(409);
    expect(inUse.body.code).toBe('training_exemption_in_use');
    await grantPlatformRoles(app, outsider, []);
  });

  it('prints the logo an admin uploads on the next invoices, and refuses anything but a sound PNG or JPEG', async () => {
    // A 1×1 PNG.
    const logo = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
      'base64',
    );
    const withoutLogo = await invoiceOf(await confirmedBooking());
    const putLogo = (token: string, body: Buffer | object, type = 'image/png') =>
      api().put('/api/chambre/logo').auth(token, { type: 'bearer' }).type(type).send(body);

    await putLogo(finance.accessToken, logo).expect(403);
    await grantPlatformRoles(app, outsider, ['admin']);
    const refusals: [Buffer | object, string, number][] = [
      [Buffer.from('GIF89a not supported'), 'image/png', 400],
      [logo.subarray(0, 40), 'image/png', 400], // a PNG signature, then nothing readable
      [{ logo: 'base64?' }, 'application/json', 400],
      [Buffer.alloc(600 * 1024, 0xff), 'image/jpeg', 413],
    ];
    for (const [body, type, status] of refusals) {
      const refused = await putLogo(outsider.accessToken, body, type).expect(status);
      expect(refused.headers['content-type']).toContain('application/problem+json');
    }
    const unchanged = await api()
      .get('/api/chambre')
      .auth(outsider.accessToken, { type: 'bearer' })
      .expect(200);
    expect(unchanged.body.hasLogo).toBe(false);

    const saved = await putLogo(outsider.accessToken, logo).expect(200);
    expect(saved.body.hasLogo).toBe(true);
    const stored = await api()
      .get('/api/chambre/logo')
      .auth(finance.accessToken, { type: 'bearer' })
      .responseType('blob')
      .expect(200);
    expect(stored.headers['content-type']).toBe('image/png');
    // Re-encoded at upload: the same 1×1 image, not the same bytes.
    expect(await sharp(stored.body as Buffer).metadata()).toMatchObject({
      format: 'png',
      width: 1,
      height: 1,
    });

    const withLogo = await invoiceOf(await confirmedBooking());
    expect(withLogo.seller).not.toHaveProperty('logoKey');
    expect((await pdfOf(withLogo.id)).toString('latin1')).toContain('/Subtype /Image');
    expect((await pdfOf(withoutLogo.id)).toString('latin1')).not.toContain('/Subtype /Image');

    // Removing it affects only invoices issued afterwards.
    await api()
      .delete('/api/chambre/logo')
      .auth(outsider.accessToken, { type: 'bearer' })
      .expect(200);
    await api().get('/api/chambre/logo').auth(outsider.accessToken, { type: 'bearer' }).expect(404);
    const after = await invoiceOf(await confirmedBooking());
    expect((await pdfOf(after.id)).toString('latin1')).not.toContain('/Subtype /Image');
    await grantPlatformRoles(app, outsider, []);
  });

  it('refuses logos whose pixels are too many before decoding them, and stores a large one re-encoded small', async () => {
    const putLogo = (body: Buffer, type = 'image/png') =>
      api()
        .put('/api/chambre/logo')
        .auth(outsider.accessToken, { type: 'bearer' })
        .type(type)
        .send(body);
    await grantPlatformRoles(app, outsider, ['admin']);
    const before = await api()
      .get('/api/chambre')
      .auth(outsider.accessToken, { type: 'bearer' })
      .expect(200);

    // 65 bytes claiming 100000×100000 pixels once took the api process down; a real
    // 8000×8000 image (blank, so under 512 KiB) cost 10 s and 1.1 GB on every invoice.
    const bomb = claimedPng(100_000, 100_000);
    const blank = await sharp({
      create: { width: 8_000, height: 8_000, channels: 3, background: '#ffffff' },
    })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(blank.length).toBeLessThan(512 * 1024);
    for (const [body, size] of [
      [bomb, '100000×100000'],
      [blank, '8000×8000'],
    ] as const) {
      const refused = await putLogo(body).expect(422);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body).toMatchObject({
        code: 'chambre_logo_too_large',
        detail: expect.stringContaining(`${size} pixels`),
      });
    }
    const unchanged = await api()
      .get('/api/chambre')
      .auth(outsider.accessToken, { type: 'bearer' })
      .expect(200);
    expect(unchanged.body.hasLogo).toBe(before.body.hasLogo);

    // A 1800×600 logo with EXIF is stored as a 600×200 PNG without it, and printed.
    const large = await sharp({
      create: { width: 1_800, height: 600, channels: 3, background: '#2a6f4e' },
    })
      .jpeg()
      .withExif({ IFD0: { Artist: 'someone@example.org' } })
      .toBuffer();
    await putLogo(large, 'image/jpeg').expect(200);
    const stored = await api()
      .get('/api/chambre/logo')
      .auth(finance.accessToken, { type: 'bearer' })
      .responseType('blob')
      .expect(200);
    expect(stored.headers['content-type']).toBe('image/png');
    const metadata = await sharp(stored.body as Buffer).metadata();
    expect(metadata).toMatchObject({ format: 'png', width: 600, height: 200 });
    expect(metadata.exif).toBeUndefined();
    const invoice = await invoiceOf(await confirmedBooking());
    const pdf = (await pdfOf(invoice.id)).toString('latin1');
    expect(pdf).toMatch(/\/Subtype \/Image[\s\S]*?\/Width 600/);

    // A logo stored before uploads were re-encoded is scaled down when invoices print it,
    // and one past the limits is left out rather than decoded.
    const [{ id: chambreId }] = await db.query<{ id: string }[]>(`SELECT id FROM chambres`);
    const legacy = async (content: Buffer) => {
      const key = `chambre/legacy-${content.length}.png`;
      writeFileSync(join(storage, key), content);
      await db.query(`UPDATE chambres SET logo_path = $2 WHERE id = $1`, [chambreId, key]);
      return (await pdfOf((await invoiceOf(await confirmedBooking())).id)).toString('latin1');
    };
    const oldLarge = await sharp({
      create: { width: 1_500, height: 1_500, channels: 3, background: '#123456' },
    })
      .png()
      .toBuffer();
    expect(await legacy(oldLarge)).toMatch(/\/Subtype \/Image[\s\S]*?\/Width 600/);
    expect(await legacy(bomb)).not.toContain('/Subtype /Image');

    await api()
      .delete('/api/chambre/logo')
      .auth(outsider.accessToken, { type: 'bearer' })
      .expect(200);
    await grantPlatformRoles(app, outsider, []);
  });

  it('moves an invoice to partially paid then paid as payments arrive, each counted once', async () => {
    const bookingId = await confirmedBooking({
      memberPriceCents: 10_000,
      vatTreatment: 'standard',
    });
    const invoice = await invoiceOf(bookingId);
    const record = app.get(RecordInvoicePaymentUseCase);
    const pay = (source: string, amountCents: number) =>
      record.execute({ source, bookingId, amountCents, method: 'bank_transfer' });
    expect(await pay('transfer-1', 4_000)).toBe('recorded');
    expect(await pay('transfer-1', 4_000)).toBe('already_recorded');
    let after = await invoiceAsSeenBy(invoice.id);
    expect(after).toMatchObject({
      status: 'partially_paid',
      amountPaidCents: 4_000,
      amountDueCents: 8_000,
    });
    expect(await pay('transfer-2', 8_000)).toBe('recorded');
    after = await invoiceAsSeenBy(invoice.id);
    expect(after).toMatchObject({ status: 'paid', amountPaidCents: 12_000, amountDueCents: 0 });
  });
});
