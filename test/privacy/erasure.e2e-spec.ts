import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { IssueBookingInvoiceUseCase } from '@mutualis/invoicing';
import { EventJob } from '@mutualis/core';
import { NOTIFIED_EVENTS, NotifiedEvent, NotifyEventUseCase } from '@mutualis/notifications';
import { JournalWriter } from '@mutualis/accounting';
import { configureChambre, documentSaleDraft, insertPublishedSession } from '@mutualis/testing';
import {
  createOrganisation,
  logIn,
  registerAndLogIn,
  TEST_PASSWORD,
  TestUser,
  grantPlatformRoles,
} from '../support/api-client';
import { createTestApp } from '../support/test-app';
import { findInDatabase, findInRedis } from '../support/personal-data-scan';

// Erasure (GDPR art. 17) through the api, with the invoicing and mail planning the worker
// would run called in-process, so every store a person's data reaches is filled first.
describe('erasure of a person’s data', () => {
  let app: NestExpressApplication;
  let db: DataSource;
  let storage: string;
  let finance: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    storage = mkdtempSync(join(tmpdir(), 'mutualis-erasure-'));
    // Account deletion shares the login limit (per address): generous here, tested in
    // erasure-limit.e2e-spec.ts.
    app = await createTestApp({ INVOICE_STORAGE_DIR: storage, RATE_LIMIT_LOGIN_MAX: '1000' });
    db = app.get(DataSource);
    await configureChambre(db);
    [finance, admin] = await Promise.all([
      registerAndLogIn(app, 'erasure-finance'),
      registerAndLogIn(app, 'erasure-admin'),
    ]);
    await grantPlatformRoles(app, finance, ['finance']);
    await grantPlatformRoles(app, admin, ['admin']);
  });

  afterAll(async () => {
    await app.close();
    rmSync(storage, { recursive: true, force: true });
  });

  const api = () => request(app.getHttpServer());

  /** A person with a name and address found nowhere else in the database. */
  async function person(): Promise<TestUser & { name: string }> {
    const tag = randomBytes(4).toString('hex');
    const name = `Zélie Oublieuse ${tag}`;
    const email = `zelie.${tag}@exemple-personnel.fr`;
    await api()
      .post('/api/auth/register')
      .send({ email, password: TEST_PASSWORD, name })
      .expect(202);
    await db.query(`UPDATE users SET email_verified_at = now() WHERE email = $1`, [email]);
    const [{ id }] = await db.query<{ id: string }[]>(`SELECT id FROM users WHERE email = $1`, [
      email,
    ]);
    return { id, email, name, ...(await logIn(app, email)) };
  }

  async function book(
    booker: TestUser,
    organisationId: string,
    attendees: { name: string; email: string }[],
  ): Promise<string> {
    const { sessionId } = await insertPublishedSession(db, { vatTreatment: 'standard' });
    const booked = await api()
      .post('/api/bookings')
      .auth(booker.accessToken, { type: 'bearer' })
      .set('Idempotency-Key', randomBytes(8).toString('hex'))
      .send({ organisationId, sessionId, attendees })
      .expect(201);
    return booked.body.id as string;
  }

  /** What the worker's notifications processor does with these aggregates' events. */
  async function planMailFor(aggregateIds: string[]): Promise<void> {
    const events = await db.query<
      { id: string; type: string; aggregate_id: string; payload: Record<string, string> }[]
    >(
      `SELECT id, type, aggregate_id, payload FROM outbox_events WHERE aggregate_id = ANY($1) ORDER BY occurred_at`,
      [aggregateIds],
    );
    for (const event of events) {
      if (!(NOTIFIED_EVENTS as readonly string[]).includes(event.type)) continue;
      // Rows as stored: their payloads are the catalogue's for their type.
      await app.get(NotifyEventUseCase).execute({
        eventId: event.id,
        type: event.type,
        aggregateId: event.aggregate_id,
        payload: event.payload,
      } as EventJob<NotifiedEvent>);
    }
  }

  async function pdfSha256(invoiceId: string): Promise<string> {
    const pdf = await api()
      .get(`/api/invoices/${invoiceId}/pdf`)
      .auth(finance.accessToken, { type: 'bearer' })
      .responseType('blob')
      .expect(200);
    return createHash('sha256')
      .update(pdf.body as Buffer)
      .digest('hex');
  }

  async function fec(year: number): Promise<string> {
    const response = await api()
      .get(`/api/finance/exports/fec?year=${year}&encoding=utf-8`)
      .auth(finance.accessToken, { type: 'bearer' })
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
      })
      .expect(200);
    return response.body as string;
  }

  it('refuses a wrong or missing password and erases nothing', async () => {
    const zelie = await person();
    const wrong = await api()
      .delete('/api/me')
      .auth(zelie.accessToken, { type: 'bearer' })
      .send({ password: 'not the password' })
      .expect(403);
    expect(wrong.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(wrong.body.code).toBe('erasure_password_mismatch');
    await api().delete('/api/me').auth(zelie.accessToken, { type: 'bearer' }).send({}).expect(400);
    await api().get('/api/me').auth(zelie.accessToken, { type: 'bearer' }).expect(200);
    // The account, and the verification link its sign-up was sent.
    const found = await findInDatabase(db, [zelie.email]);
    expect(found.map((finding) => finding.where).sort()).toEqual([
      'account_tokens.email (1 rows)',
      'users.email (1 rows)',
    ]);
  });

  it('names the organisations that would lose their only admin (409) and erases only once that is confirmed', async () => {
    const zelie = await person();
    const organisationId = await createOrganisation(app, zelie, {
      legalName: 'Association Les Orphelines',
    });
    const refused = await api()
      .delete('/api/me')
      .auth(zelie.accessToken, { type: 'bearer' })
      .send({ password: TEST_PASSWORD })
      .expect(409);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({
      code: 'organisations_would_lose_their_admin',
      organisations: [{ id: organisationId, legalName: 'Association Les Orphelines' }],
    });
    expect(refused.body.detail).toContain('Association Les Orphelines');
    await api().get('/api/me').auth(zelie.accessToken, { type: 'bearer' }).expect(200);

    await api()
      .delete('/api/me')
      .auth(zelie.accessToken, { type: 'bearer' })
      .send({ password: TEST_PASSWORD, confirmOrphanedOrganisations: true })
      .expect(204);
    const [{ admins }] = await db.query<{ admins: number }[]>(
      `SELECT count(*)::int AS admins FROM organisation_members WHERE organisation_id = $1`,
      [organisationId],
    );
    expect(admins).toBe(0);
  });

  it('leaves no table or Redis key holding the name or e-mail of a user who booked and was invoiced, and changes neither the invoice PDF nor the FEC', async () => {
    const zelie = await person();
    const colleague = await registerAndLogIn(app, 'erasure-colleague');
    // Her organisation is the buyer; she books a seat for a colleague (the invoice names
    // attendees, and the buyer is the organisation: by design, not her).
    const organisationId = await createOrganisation(app, zelie);
    const invoicedBooking = await book(zelie, organisationId, [
      {
        name: 'Salariée Une',
        email: `salariee-${randomBytes(3).toString('hex')}@test.mutualis.fr`,
      },
    ]);
    await api()
      .post(`/api/bookings/${invoicedBooking}/confirm`)
      .auth(finance.accessToken, { type: 'bearer' })
      .send({ method: 'cheque' })
      .expect(200);
    expect(await app.get(IssueBookingInvoiceUseCase).execute(invoicedBooking)).not.toBe(
      'already_issued',
    );
    const [invoice] = await db.query<
      {
        id: string;
        year: number;
        number: string;
        organisation_id: string;
        issue_date: string;
        excl: string;
        vat: string;
      }[]
    >(
      `SELECT id, extract(year FROM issue_date)::int AS year, number, organisation_id,
              to_char(issue_date, 'YYYY-MM-DD') AS issue_date, total_excl_vat_cents AS excl,
              total_vat_cents AS vat
         FROM invoices WHERE booking_id = $1`,
      [invoicedBooking],
    );
    const { id: invoiceId, year } = invoice;
    // Posting engineer: the invoice's entry stands in for the posting rules; drop it once issuing
    // the invoice writes its own.
    await app.get(JournalWriter).post(
      documentSaleDraft({
        id: invoice.id,
        type: 'invoice',
        number: invoice.number,
        organisationId: invoice.organisation_id,
        issueDate: invoice.issue_date,
        exclVatCents: Number(invoice.excl),
        vatCents: Number(invoice.vat),
      }),
    );
    await api()
      .post(`/api/finance/accounting/periods/${invoice.issue_date.slice(0, 7)}/validate`)
      .auth(finance.accessToken, { type: 'bearer' })
      .expect(200);
    // Another organisation booked her a seat, and invites her to join it.
    const otherOrganisation = await createOrganisation(app, colleague);
    const attendedBooking = await book(colleague, otherOrganisation, [
      { name: zelie.name, email: zelie.email },
      { name: 'Collègue Deux', email: `deux-${randomBytes(3).toString('hex')}@test.mutualis.fr` },
    ]);
    const invitation = await api()
      .post(`/api/organisations/${otherOrganisation}/invitations`)
      .auth(colleague.accessToken, { type: 'bearer' })
      .send({ email: zelie.email, role: 'org_member' })
      .expect(201);
    await planMailFor([invoicedBooking, attendedBooking, invoiceId, invitation.body.id]);

    const needles = [zelie.name, zelie.email];
    const before = (await findInDatabase(db, needles)).map(
      (finding) => finding.where.split(' ')[0],
    );
    // The scan sees her where she is: account, seat, invitation, mail log, stored responses.
    expect(before).toEqual(
      expect.arrayContaining([
        'users.email',
        'users.name',
        'booking_attendees.name',
        'booking_attendees.email',
        'invitations.email',
        'notification_deliveries.recipient',
        'idempotency_keys.response_body',
      ]),
    );
    const pdfBefore = await pdfSha256(invoiceId);
    const fecBefore = await fec(year);
    expect(fecBefore).toContain(`\t${invoice.number}\t`);
    const [invoiceBefore] = await db.query(`SELECT * FROM invoices WHERE id = $1`, [invoiceId]);

    await api()
      .delete('/api/me')
      .auth(zelie.accessToken, { type: 'bearer' })
      .send({ password: TEST_PASSWORD, confirmOrphanedOrganisations: true })
      .expect(204);

    expect(await findInDatabase(db, needles)).toEqual([]);
    expect(
      await findInRedis(
        process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        process.env.REDIS_PREFIX!,
        needles,
      ),
    ).toEqual([]);
    expect(await pdfSha256(invoiceId)).toBe(pdfBefore);
    expect(await fec(year)).toBe(fecBefore);
    expect((await db.query(`SELECT * FROM invoices WHERE id = $1`, [invoiceId]))[0]).toEqual(
      invoiceBefore,
    );
    // The account is closed: no login, and the tokens it held no longer open anything.
    await api()
      .post('/api/auth/login')
      .send({ email: zelie.email, password: TEST_PASSWORD })
      .expect(401);
    await api().get('/api/me').auth(zelie.accessToken, { type: 'bearer' }).expect(401);
    await api().post('/api/auth/refresh').send({ refreshToken: zelie.refreshToken }).expect(401);
    // The bookings remain, the seats anonymised.
    const seats = await db.query<{ name: string; email: string }[]>(
      `SELECT name, email FROM booking_attendees WHERE booking_id = $1 ORDER BY position`,
      [attendedBooking],
    );
    expect(seats[0]).toEqual({
      name: 'Participant anonymisé',
      email: expect.stringMatching(/@anonymised\.invalid$/),
    });
    expect(seats[1].name).toBe('Collègue Deux');
  });

  it('lets a Chambre admin erase a user on request, once; others may not', async () => {
    const zelie = await person();
    await api()
      .post(`/api/users/${zelie.id}/erasure`)
      .auth(finance.accessToken, { type: 'bearer' })
      .send({})
      .expect(403);
    await api()
      .post(`/api/users/${zelie.id}/erasure`)
      .auth(admin.accessToken, { type: 'bearer' })
      .send({})
      .expect(204);
    expect(await findInDatabase(db, [zelie.email, zelie.name])).toEqual([]);
    const again = await api()
      .post(`/api/users/${zelie.id}/erasure`)
      .auth(admin.accessToken, { type: 'bearer' })
      .send({})
      .expect(409);
    expect(again.body.code).toBe('already_erased');
    const audit = await api()
      .get(`/api/admin/audit?action=user.erased&entity=user:${zelie.id}`)
      .auth(admin.accessToken, { type: 'bearer' })
      .expect(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        action: 'user.erased',
        entityId: zelie.id,
        actor: expect.objectContaining({ userId: admin.id, label: 'admin' }),
        reason: 'admin on request',
      }),
    ]);
    const listed = await api()
      .get(`/api/users?q=${zelie.id.slice(0, 8)}`)
      .auth(admin.accessToken, { type: 'bearer' })
      .expect(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        id: zelie.id,
        erased: true,
        disabled: true,
        name: 'Compte supprimé',
      }),
    ]);
    await api()
      .post(`/api/users/00000000-0000-4000-8000-000000000000/erasure`)
      .auth(admin.accessToken, { type: 'bearer' })
      .send({})
      .expect(404);
  });

  it('exports the caller’s data as a JSON download: profile, organisations, bookings, invitations, mail, sessions', async () => {
    const zelie = await person();
    const organisationId = await createOrganisation(app, zelie, { legalName: 'SCIC Exportée' });
    const bookingId = await book(zelie, organisationId, [{ name: zelie.name, email: zelie.email }]);
    await planMailFor([bookingId]);
    await api()
      .put('/api/me/notification-preferences')
      .auth(zelie.accessToken, { type: 'bearer' })
      .send({ sessionReminders: false })
      .expect(200);

    const response = await api()
      .get('/api/me/export')
      .auth(zelie.accessToken, { type: 'bearer' })
      .expect(200);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="mutualis-donnees-personnelles-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const document = response.body;
    expect(document).toMatchObject({
      format: 'mutualis.personal-data.v1',
      subject: { userId: zelie.id, email: zelie.email },
      identity: {
        profile: { id: zelie.id, email: zelie.email, name: zelie.name },
        organisations: [{ organisationId, legalName: 'SCIC Exportée', role: 'org_admin' }],
        sessions: [expect.objectContaining({ revokedAt: null })],
      },
      bookings: [
        expect.objectContaining({
          id: bookingId,
          roles: ['booker', 'attendee'],
          attendees: [{ name: zelie.name, email: zelie.email, attendance: null }],
        }),
      ],
      notifications: { preferences: { sessionReminders: false } },
      catalogue: { consultantProfile: null },
    });
    expect(document.notifications.deliveries.length).toBeGreaterThan(0);
    // No secret leaves: no password hash, no token hash.
    const text = JSON.stringify(document);
    expect(text).not.toMatch(/argon2|password|token_?hash/i);

    await api().get('/api/me/export').expect(401);
  });
});
