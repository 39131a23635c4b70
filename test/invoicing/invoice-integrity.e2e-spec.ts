import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { IssueBookingInvoiceUseCase } from '@mutualis/invoicing';
import { configureChambre, insertOrganisations, insertPublishedSession } from '@mutualis/testing';
import { registerAndLogIn, TestUser, userWithRoles } from '../support/api-client';
import { expectCompleteProblem } from '../support/expectations';
import { createTestApp } from '../support/test-app';

const bearer = { type: 'bearer' } as const;

// Issue 18 §4: a stored invoice PDF is checked against the SHA-256 recorded when it was issued
// each time it is served; a file changed since is never sent as the invoice.
describe('the stored PDF of an invoice, when it is served', () => {
  let app: NestExpressApplication;
  let db: DataSource;
  let storage: string;
  let member: TestUser;
  let finance: TestUser;
  let organisationId: string;
  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    storage = mkdtempSync(join(tmpdir(), 'mutualis-integrity-'));
    app = await createTestApp({ INVOICE_STORAGE_DIR: storage });
    db = app.get(DataSource);
    await configureChambre(db);
    member = await registerAndLogIn(app, 'integrity-member');
    finance = await userWithRoles(app, 'integrity-finance', ['finance']);
    [organisationId] = await insertOrganisations(db, member.id, 1);
  });

  afterAll(async () => {
    await app.close();
    rmSync(storage, { recursive: true, force: true });
  });

  async function issuedInvoice(): Promise<{ id: string; number: string; path: string }> {
    const { sessionId } = await insertPublishedSession(db, { memberPriceCents: 8_000 });
    const booked = await api()
      .post('/api/bookings')
      .auth(member.accessToken, bearer)
      .send({
        organisationId,
        sessionId,
        attendees: [{ name: 'Salariée', email: `s-${randomUUID()}@test.mutualis.fr` }],
      })
      .expect(201);
    await api()
      .post(`/api/bookings/${booked.body.id as string}/confirm`)
      .auth(finance.accessToken, bearer)
      .send({ method: 'cheque' })
      .expect(200);
    await app.get(IssueBookingInvoiceUseCase).execute(booked.body.id as string);
    const [row] = await db.query<{ id: string; number: string; path: string }[]>(
      `SELECT id, number, pdf_path AS path FROM invoices WHERE booking_id = $1`,
      [booked.body.id],
    );
    return row;
  }

  const pdf = (user: TestUser, invoiceId: string) =>
    api().get(`/api/invoices/${invoiceId}/pdf`).auth(user.accessToken, bearer);

  it('answers a PDF changed since it was issued with a 409 problem, to finance and to the buyer, never its bytes', async () => {
    const invoice = await issuedInvoice();
    await pdf(finance, invoice.id).expect(200).expect('Content-Type', 'application/pdf');
    appendFileSync(join(storage, invoice.path), '%%EOF tampered\n');

    for (const user of [finance, member]) {
      const response = await pdf(user, invoice.id);
      const problem = expectCompleteProblem(
        response,
        409,
        'invoice_pdf_integrity_failed',
        `/api/invoices/${invoice.id}/pdf`,
      );
      expect(problem).toMatchObject({ invoiceNumber: invoice.number });
      expect(problem.detail).toMatch(/no longer matches the fingerprint \(SHA-256\)/);
      expect(response.headers['content-disposition']).toBeUndefined();
    }
    // The invoice's data is still there to read.
    await api().get(`/api/invoices/${invoice.id}`).auth(member.accessToken, bearer).expect(200);
  });
});
