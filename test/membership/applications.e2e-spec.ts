import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Clock } from '@mutualis/core';
import { PayInvoiceUseCase } from '@mutualis/invoicing';
import { configureChambre, insertPublishedSession } from '@mutualis/testing';
import {
  createOrganisation,
  registerAndLogIn,
  TestUser,
  userWithRoles,
} from '../support/api-client';
import { eventually, expectFields, expectProblem, expectStatus } from '../support/expectations';
import { startInProcessWorker } from '../support/in-process-worker';
import { IsolatedEnvironment, isolatedEnvironment } from '../support/isolated-environment';
import { SmtpCatcher } from '../support/smtp-catcher';
import { createTestApp } from '../support/test-app';

const bearer = { type: 'bearer' } as const;
const PARIS_YEAR = Number(
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric' }).format(
    new Date(),
  ),
);
/** Next year: its grid and applications are this spec's, and sessions of it are months ahead. */
const YEAR = PARIS_YEAR + 1;

/**
 * Joining the Chambre through the api and the worker: an organisation's admin applies, the
 * Chambre's admin approves, the membership invoice is issued by invoicing, paying it in full
 * (not in part) makes the membership active, from which the member price applies and an
 * attestation can be downloaded; mails go both ways. And what is refused: bad input, another
 * organisation, a second application, a decision made twice.
 */
describe('membership applications, end to end', () => {
  let environment: IsolatedEnvironment;
  let smtp: SmtpCatcher;
  let app: NestExpressApplication;
  let worker: INestApplication;
  let db: DataSource;
  let storage: string;
  let admin: TestUser;
  let charterVersion: number;

  const api = () => request(app.getHttpServer());

  const applicationBody = (overrides: Record<string, unknown> = {}) => ({
    year: YEAR,
    family: 'association',
    headcount: 12,
    contactName: 'Marie Dupont',
    contactEmail: 'marie.dupont@test.mutualis.fr',
    charterVersion,
    acceptCharter: true,
    ...overrides,
  });

  const mailsTo = (address: string) =>
    smtp.received.filter((caught) => caught.to.includes(address.toLowerCase()));

  async function membershipStatus(organisationId: string): Promise<string | undefined> {
    const rows = await db.query<{ status: string }[]>(
      `SELECT status FROM memberships WHERE organisation_id = $1 AND year = $2`,
      [organisationId, YEAR],
    );
    return rows[0]?.status;
  }

  beforeAll(async () => {
    smtp = await SmtpCatcher.start();
    environment = await isolatedEnvironment('membership_applications');
    storage = mkdtempSync(join(tmpdir(), 'mutualis-membership-e2e-'));
    const env = {
      ...environment.env,
      OUTBOX_POLL_MS: '50',
      INVOICE_STORAGE_DIR: storage,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'ne-pas-repondre@test.mutualis.fr',
      PUBLIC_WEB_URL: 'https://mutualis.test',
    };
    app = await createTestApp(env);
    db = app.get(DataSource);
    await configureChambre(db);
    worker = await startInProcessWorker(env, new Clock());
    admin = await userWithRoles(app, 'membership-admin', ['admin']);

    const charter = await api()
      .post('/api/membership/charters')
      .auth(admin.accessToken, bearer)
      .send({ title: 'Charte de l’ESS', body: 'Les membres partagent les valeurs de l’ESS.' });
    expectStatus(charter, 201);
    charterVersion = charter.body.version;

    const grid = await api()
      .put(`/api/membership/fee-schedules/${YEAR}`)
      .auth(admin.accessToken, bearer)
      .send({
        vatTreatment: 'out_of_scope',
        firstYearFeeCents: null,
        prorataFrom: null,
        graceUntil: `${YEAR}-03-31`,
        reminderDays: [30, 60],
        finalNoticeDays: 75,
        publicBodiesActiveOnApproval: true,
        rates: [
          {
            family: 'association',
            basis: 'headcount',
            lowerBound: 0,
            upperBound: 10,
            amountCents: 8_000,
          },
          {
            family: 'association',
            basis: 'headcount',
            lowerBound: 10,
            upperBound: null,
            amountCents: 18_000,
          },
        ],
      });
    expectStatus(grid, 200);
    expect(grid.body).toMatchObject({
      year: YEAR,
      vatMention: expect.stringContaining('hors du champ'),
      rates: [
        expect.objectContaining({ upperBound: 10 }),
        expect.objectContaining({ upperBound: null }),
      ],
    });
  });

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await environment?.drop();
    await smtp?.stop();
    rmSync(storage, { recursive: true, force: true });
  });

  it('joins: applied, approved with its invoice, paid in full, then member price and attestation', async () => {
    const orgAdmin = await registerAndLogIn(app, 'adherent');
    const organisationId = await createOrganisation(app, orgAdmin);

    const before = await api()
      .get(`/api/organisations/${organisationId}/membership-certificate?year=${YEAR}`)
      .auth(orgAdmin.accessToken, bearer);
    expectProblem(before, 409, 'membership_not_active');

    const applied = await api()
      .post(`/api/organisations/${organisationId}/membership-applications`)
      .auth(orgAdmin.accessToken, bearer)
      .send(applicationBody());
    expectStatus(applied, 201);
    expect(applied.body).toMatchObject({
      organisationId,
      year: YEAR,
      kind: 'join',
      status: 'pending',
      charterVersion,
      invoiceId: null,
    });

    const again = await api()
      .post(`/api/organisations/${organisationId}/membership-applications`)
      .auth(orgAdmin.accessToken, bearer)
      .send(applicationBody());
    expectProblem(again, 409, 'membership_application_pending');

    // The Chambre's admins hear of it.
    await eventually(
      async () => mailsTo(admin.email),
      (mails) => mails.some((caught) => caught.mail.subject?.startsWith('Demande d’adhésion')),
    );
    const queue = await api()
      .get('/api/membership-applications?status=pending')
      .auth(admin.accessToken, bearer);
    expectStatus(queue, 200);
    expect(queue.body.items.map((item: { id: string }) => item.id)).toContain(applied.body.id);

    const approved = await api()
      .post(`/api/membership-applications/${applied.body.id}/approve`)
      .auth(admin.accessToken, bearer);
    expectStatus(approved, 200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      feeCents: 18_000,
      invoiceId: expect.any(String),
    });
    const invoiceId: string = approved.body.invoiceId;

    const invoice = await api()
      .get(`/api/invoices/${invoiceId}`)
      .auth(orgAdmin.accessToken, bearer);
    expectStatus(invoice, 200);
    const [membership] = await db.query<{ id: string; status: string; fee_cents: string }[]>(
      `SELECT id, status, fee_cents FROM memberships WHERE organisation_id = $1 AND year = $2`,
      [organisationId, YEAR],
    );
    expect(membership).toMatchObject({ status: 'pending', fee_cents: '18000' });
    expect(invoice.body).toMatchObject({ status: 'issued', membershipId: membership.id });

    const twice = await api()
      .post(`/api/membership-applications/${applied.body.id}/approve`)
      .auth(admin.accessToken, bearer);
    expectProblem(twice, 409, 'membership_application_decided');

    // The contact named in the application hears of the decision.
    await eventually(
      async () => mailsTo('marie.dupont@test.mutualis.fr'),
      (mails) =>
        mails.some((caught) => caught.mail.subject === `Votre adhésion ${YEAR} est acceptée`),
    );

    const years = await api()
      .get(`/api/organisations/${organisationId}/membership-years`)
      .auth(orgAdmin.accessToken, bearer);
    expectStatus(years, 200);
    expect(years.body).toContainEqual({
      year: YEAR,
      status: 'pending',
      feeCents: 18_000,
      invoice: {
        id: invoiceId,
        number: expect.stringMatching(/^F-/),
        status: 'issued',
        amountDueCents: 18_000,
      },
      certificateAvailable: false,
    });

    // Half paid: still pending, the member price does not apply yet.
    const pay = (source: string, amountCents: number) =>
      db.transaction((manager) =>
        app
          .get(PayInvoiceUseCase)
          .execute(invoiceId, { source, amountCents, method: 'bank_transfer' }, manager),
      );
    await pay(`e2e-${invoiceId}-1`, 9_000);
    await eventually(
      () =>
        db.query<{ pending: string }[]>(
          `SELECT count(*) AS pending FROM outbox_events
            WHERE aggregate_id = $1 AND type = 'invoice.payment-recorded' AND published_at IS NULL`,
          [invoiceId],
        ),
      (rows) => rows[0].pending === '0',
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await membershipStatus(organisationId)).toBe('pending');

    await pay(`e2e-${invoiceId}-2`, 9_000);
    expect(
      await eventually(
        () => membershipStatus(organisationId),
        (status) => status === 'active',
      ),
    ).toBe('active');

    // A session in the membership's year, booked at the member price.
    const startsInMs = Date.parse(`${YEAR}-03-16T09:00:00+01:00`) - Date.now();
    const { sessionId } = await insertPublishedSession(db, {
      startsInMs,
      memberPriceCents: 12_000,
      nonMemberPriceCents: 20_000,
    });
    const booked = await api()
      .post('/api/bookings')
      .auth(orgAdmin.accessToken, bearer)
      .send({
        organisationId,
        sessionId,
        attendees: [{ name: 'Yanis Morel', email: 'yanis.morel@test.mutualis.fr' }],
      });
    expectStatus(booked, 201);
    expect(booked.body.memberPrice).toBe(true);

    const certificate = await api()
      .get(`/api/organisations/${organisationId}/membership-certificate?year=${YEAR}`)
      .auth(orgAdmin.accessToken, bearer)
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      });
    expectStatus(certificate, 200);
    expect(certificate.headers['content-type']).toBe('application/pdf');
    expect((certificate.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');

    const after = await api()
      .get(`/api/organisations/${organisationId}/membership-years`)
      .auth(orgAdmin.accessToken, bearer);
    expect(after.body).toContainEqual(
      expect.objectContaining({ year: YEAR, status: 'active', certificateAvailable: true }),
    );
  });

  it('refuses with a reason, mailed to the contact, and records no membership', async () => {
    const orgAdmin = await registerAndLogIn(app, 'refused');
    const organisationId = await createOrganisation(app, orgAdmin);
    const applied = await api()
      .post(`/api/organisations/${organisationId}/membership-applications`)
      .auth(orgAdmin.accessToken, bearer)
      .send(applicationBody({ contactEmail: 'refus@test.mutualis.fr' }));
    expectStatus(applied, 201);

    const blank = await api()
      .post(`/api/membership-applications/${applied.body.id}/refuse`)
      .auth(admin.accessToken, bearer)
      .send({ reason: '   ' });
    expectProblem(blank, 400);

    const refused = await api()
      .post(`/api/membership-applications/${applied.body.id}/refuse`)
      .auth(admin.accessToken, bearer)
      .send({ reason: 'Siège hors de la région' });
    expectStatus(refused, 200);
    expect(refused.body).toMatchObject({
      status: 'refused',
      refusalReason: 'Siège hors de la région',
    });
    expect(await membershipStatus(organisationId)).toBeUndefined();

    const mails = await eventually(
      async () => mailsTo('refus@test.mutualis.fr'),
      (caught) => caught.length > 0,
    );
    expect(mails[0].mail.text).toContain('Siège hors de la région');
  });

  it('answers bad input with a problem naming the fields, and writes nothing', async () => {
    const orgAdmin = await registerAndLogIn(app, 'bad-input');
    const organisationId = await createOrganisation(app, orgAdmin);
    const post = (body: Record<string, unknown>) =>
      api()
        .post(`/api/organisations/${organisationId}/membership-applications`)
        .auth(orgAdmin.accessToken, bearer)
        .send(body);

    const invalid = await post(
      applicationBody({ acceptCharter: false, headcount: -1, family: 'club' }),
    );
    expectProblem(invalid, 400);
    expectFields(invalid, ['acceptCharter', 'headcount', 'family']);

    expectProblem(
      await post(applicationBody({ headcount: null })),
      400,
      'invalid_membership_application',
    );
    const stale = await post(applicationBody({ charterVersion: charterVersion + 5 }));
    expectProblem(stale, 422, 'membership_charter_not_current');
    expectFields(stale, ['charterVersion']);

    const overlapping = await api()
      .put(`/api/membership/fee-schedules/${YEAR}`)
      .auth(admin.accessToken, bearer)
      .send({
        vatTreatment: 'taxable',
        firstYearFeeCents: null,
        prorataFrom: null,
        graceUntil: null,
        reminderDays: [30],
        finalNoticeDays: 45,
        publicBodiesActiveOnApproval: false,
        rates: [
          {
            family: 'mutual',
            basis: 'budget',
            lowerBound: 0,
            upperBound: 1_000_000,
            amountCents: 1,
          },
          {
            family: 'mutual',
            basis: 'budget',
            lowerBound: 500_000,
            upperBound: null,
            amountCents: 2,
          },
        ],
      });
    expectProblem(overlapping, 422, 'overlapping_fee_brackets');
    expectFields(overlapping, ['rates.1.lowerBound']);

    const [{ count }] = await db.query<{ count: string }[]>(
      `SELECT count(*) FROM membership_applications WHERE organisation_id = $1`,
      [organisationId],
    );
    expect(count).toBe('0');
    const grid = await api().get(`/api/membership/fee-schedules/${YEAR}`);
    expect(grid.body).toMatchObject({
      vatTreatment: 'out_of_scope',
      publicBodiesActiveOnApproval: true,
    });
  });

  it('keeps each organisation to itself, and decisions to the Chambre’s admins', async () => {
    const owner = await registerAndLogIn(app, 'owner');
    const organisationId = await createOrganisation(app, owner);
    const stranger = await registerAndLogIn(app, 'stranger');
    await createOrganisation(app, stranger);

    const foreign = await api()
      .post(`/api/organisations/${organisationId}/membership-applications`)
      .auth(stranger.accessToken, bearer)
      .send(applicationBody());
    expectProblem(foreign, 404);
    for (const path of [
      'membership-years',
      'membership-applications',
      `membership-certificate?year=${YEAR}`,
    ]) {
      expectProblem(
        await api()
          .get(`/api/organisations/${organisationId}/${path}`)
          .auth(stranger.accessToken, bearer),
        404,
      );
    }

    const applied = await api()
      .post(`/api/organisations/${organisationId}/membership-applications`)
      .auth(owner.accessToken, bearer)
      .send(applicationBody());
    expectStatus(applied, 201);
    expectProblem(
      await api()
        .post(`/api/membership-applications/${applied.body.id}/approve`)
        .auth(owner.accessToken, bearer),
      403,
    );
    expectProblem(
      await api().get('/api/membership-applications').auth(owner.accessToken, bearer),
      403,
    );
  });
});
