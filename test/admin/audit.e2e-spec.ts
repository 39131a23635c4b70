import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import request, { Test } from 'supertest';
import { DataSource } from 'typeorm';
import { IssueBookingInvoiceUseCase, IssueRequestedCreditNoteUseCase } from '@mutualis/invoicing';
import { RefundCancellationUseCase } from '@mutualis/payments';
import {
  configureChambre,
  DAY_MS,
  insertOrganisations,
  insertPublishedSession,
} from '@mutualis/testing';
import {
  createOrganisation,
  organisationBody,
  registerAndLogIn,
  TestUser,
  grantPlatformRoles,
} from '../support/api-client';
import { asOwner, ownerSql } from '../support/owner-database';
import { createTestApp, sql } from '../support/test-app';
import { offeringBody } from '../catalogue/catalogue-fixtures';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const bearer = { type: 'bearer' } as const;

// Every sensitive change is made through the api with a known X-Request-Id (the one pino-http
// takes from a proxy), then read back from GET /api/admin/audit with who, which request, before
// and after. The worker's part (credit notes numbered) is the use case it runs, called in-process.
describe('audit log', () => {
  let app: NestExpressApplication;
  let db: DataSource;
  let storage: string;
  let admin: TestUser;
  let finance: TestUser;
  let consultant: TestUser;
  let member: TestUser;

  beforeAll(async () => {
    storage = mkdtempSync(join(tmpdir(), 'mutualis-audit-'));
    app = await createTestApp({ INVOICE_STORAGE_DIR: storage });
    db = app.get(DataSource);
    await configureChambre(db);
    [admin, finance, consultant, member] = await Promise.all([
      registerAndLogIn(app, 'audit-admin'),
      registerAndLogIn(app, 'audit-finance'),
      registerAndLogIn(app, 'audit-consultant'),
      registerAndLogIn(app, 'audit-member'),
    ]);
    await grantPlatformRoles(app, admin, ['admin']);
    await grantPlatformRoles(app, finance, ['finance']);
    await grantPlatformRoles(app, consultant, ['consultant']);
  });

  afterAll(async () => {
    await app.close();
    rmSync(storage, { recursive: true, force: true });
  });

  const api = () => request(app.getHttpServer());

  /** A request id of our own, as a proxy would send it; the api echoes it and logs with it. */
  function newRequestId(): string {
    return `req-${randomBytes(8).toString('hex')}`;
  }

  /** Sends `call` as `user` with a fresh request id; checks the status and returns the id. */
  async function as(user: TestUser, call: (api: request.Agent) => Test, status = 200) {
    const requestId = newRequestId();
    const response = await call(request.agent(app.getHttpServer()))
      .auth(user.accessToken, bearer)
      .set('X-Request-Id', requestId);
    expect({ status: response.status, body: response.body as unknown }).toMatchObject({ status });
    expect(response.headers['x-request-id']).toBe(requestId);
    return { requestId, body: response.body as Json };
  }

  async function audit(query: Record<string, string | number> = {}): Promise<Json[]> {
    const response = await api()
      .get('/api/admin/audit')
      .query(query)
      .auth(admin.accessToken, bearer)
      .expect(200);
    return response.body.items as Json[];
  }

  it('records platform roles granted, with the admin, the request, before and after', async () => {
    const user = await registerAndLogIn(app, 'promoted');
    const { requestId } = await as(admin, (agent) =>
      agent.put(`/api/users/${user.id}/roles`).send({ roles: ['finance', 'consultant'] }),
    );
    const [entry, ...others] = await audit({ entity: `user:${user.id}` });
    expect(others).toEqual([]);
    expect(entry).toEqual({
      id: expect.any(String),
      occurredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      actor: { userId: admin.id, label: 'admin', name: 'Test audit-admin' },
      requestId,
      action: 'user.roles.set',
      entityType: 'user',
      entityId: user.id,
      before: { roles: [] },
      after: { roles: ['consultant', 'finance'] },
      reason: null,
      context: {},
    });
    // Setting the same roles again changes nothing, and records nothing.
    await as(admin, (agent) =>
      agent.put(`/api/users/${user.id}/roles`).send({ roles: ['consultant', 'finance'] }),
    );
    expect(await audit({ entity: `user:${user.id}` })).toHaveLength(1);
  });

  it('records an organisation member’s role changed and their removal', async () => {
    const owner = await registerAndLogIn(app, 'org-owner');
    const colleague = await registerAndLogIn(app, 'colleague');
    const organisationId = await createOrganisation(app, owner);
    await sql(
      app,
      `INSERT INTO organisation_members (organisation_id, user_id, role) VALUES ($1, $2, 'org_member')`,
      [organisationId, colleague.id],
    );
    const promoted = await as(
      owner,
      (agent) =>
        agent
          .put(`/api/organisations/${organisationId}/members/${colleague.id}/role`)
          .send({ role: 'org_admin' }),
      204,
    );
    const removed = await as(
      owner,
      (agent) => agent.delete(`/api/organisations/${organisationId}/members/${colleague.id}`),
      204,
    );
    const entries = await audit({ entity: `organisation:${organisationId}` });
    expect(entries.map((entry) => [entry.action, entry.requestId])).toEqual([
      ['organisation.member.removed', removed.requestId],
      ['organisation.member-role.changed', promoted.requestId],
    ]);
    expect(entries[1]).toMatchObject({
      actor: { userId: owner.id, label: 'user' },
      before: { userId: colleague.id, role: 'org_member' },
      after: { userId: colleague.id, role: 'org_admin' },
    });
    expect(entries[0]).toMatchObject({
      before: { userId: colleague.id, role: 'org_admin' },
      after: null,
    });
  });

  it('records memberships set and the public-body flag, but not an edit of the address', async () => {
    const owner = await registerAndLogIn(app, 'membership-owner');
    const organisationId = await createOrganisation(app, owner);
    const year = new Date().getUTCFullYear() + 1;
    const first = await as(admin, (agent) =>
      agent
        .put(`/api/organisations/${organisationId}/memberships/${year}`)
        .send({ status: 'active', feeCents: 12_000 }),
    );
    const second = await as(admin, (agent) =>
      agent
        .put(`/api/organisations/${organisationId}/memberships/${year}`)
        .send({ status: 'lapsed', feeCents: 12_000 }),
    );
    const flagged = await as(admin, (agent) =>
      agent.patch(`/api/organisations/${organisationId}`).send({ isPublicBody: true }),
    );
    await as(owner, (agent) =>
      agent
        .patch(`/api/organisations/${organisationId}`)
        .send({ address: { line1: '3 rue de la République' } }),
    );
    const entries = await audit({ entity: `organisation:${organisationId}` });
    expect(entries).toMatchObject([
      {
        action: 'organisation.updated',
        requestId: flagged.requestId,
        before: { isPublicBody: false },
        after: { isPublicBody: true },
      },
      {
        action: 'membership.set',
        requestId: second.requestId,
        before: { year, status: 'active', feeCents: 12_000 },
        after: { year, status: 'lapsed', feeCents: 12_000 },
      },
      {
        action: 'membership.set',
        requestId: first.requestId,
        actor: { userId: admin.id, label: 'admin' },
        before: null,
        after: { year, status: 'active', feeCents: 12_000 },
      },
    ]);
    expect(entries).toHaveLength(3);
  });

  it('records a public body an admin registers, and nothing for an ordinary organisation', async () => {
    const created = await as(
      admin,
      (agent) => agent.post('/api/organisations').send(organisationBody({ isPublicBody: true })),
      201,
    );
    expect(await audit({ entity: `organisation:${created.body.id}` })).toMatchObject([
      {
        action: 'organisation.created',
        requestId: created.requestId,
        actor: { userId: admin.id, label: 'admin' },
        before: null,
        after: { isPublicBody: true, legalForm: 'association' },
      },
    ]);
    const ordinary = await createOrganisation(app, member);
    expect(await audit({ entity: `organisation:${ordinary}` })).toEqual([]);
  });

  it('records the Chambre’s identity and logo changes', async () => {
    const [chambre] = await db.query<{ id: string; legal_name: string; iban: string }[]>(
      `SELECT id, legal_name, iban FROM chambres WHERE slug = 'default'`,
    );
    const identity = await as(admin, (agent) =>
      agent.put('/api/chambre').send({ legalName: 'CRESS Sud audit', iban: chambre.iban }),
    );
    const logo = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
      'base64',
    );
    const uploaded = await as(admin, (agent) =>
      agent.put('/api/chambre/logo').type('image/png').send(logo),
    );
    const removed = await as(admin, (agent) => agent.delete('/api/chambre/logo'));
    const entries = await audit({ entity: `chambre:${chambre.id}` });
    expect(entries.slice(0, 3)).toMatchObject([
      {
        action: 'chambre.logo.removed',
        requestId: removed.requestId,
        before: { logoPath: expect.stringMatching(/^chambre\/logo-[0-9a-f]{64}\.png$/) },
        after: { logoPath: null },
      },
      {
        action: 'chambre.logo.set',
        requestId: uploaded.requestId,
        before: { logoPath: null },
        after: { logoPath: expect.stringMatching(/^chambre\/logo-/) },
      },
      {
        action: 'chambre.updated',
        requestId: identity.requestId,
        actor: { userId: admin.id, label: 'admin' },
        // Only what changed: the IBAN sent again is not an entry.
        before: { legalName: chambre.legal_name },
        after: { legalName: 'CRESS Sud audit' },
      },
    ]);
  });

  it('records each moderation step and a price or VAT change, not an edit of the wording', async () => {
    const created = await as(
      consultant,
      (agent) => agent.post('/api/offerings').send(offeringBody()),
      201,
    );
    const offeringId = created.body.id as string;
    const submitted = await as(consultant, (agent) =>
      agent.post(`/api/offerings/${offeringId}/submit`),
    );
    const rejected = await as(admin, (agent) =>
      agent.post(`/api/offerings/${offeringId}/reject`).send({ reason: 'Programme à préciser' }),
    );
    await as(consultant, (agent) => agent.post(`/api/offerings/${offeringId}/submit`));
    const published = await as(admin, (agent) =>
      agent.post(`/api/offerings/${offeringId}/publish`),
    );
    // On a published offering a consultant's price change waits for review (nothing recorded
    // yet); the VAT regime is the Chambre's decision, whose proposal is recorded at once and
    // goes live with the approval.
    const proposed = await as(consultant, (agent) =>
      agent
        .patch(`/api/offerings/${offeringId}`)
        .send({ memberPriceCents: 19_000, summary: 'Nouveau résumé.' }),
    );
    const taxed = await as(finance, (agent) =>
      agent
        .put(`/api/offerings/${offeringId}/vat-treatment`)
        .send({ vatTreatment: 'exempt_members' }),
    );
    const approved = await as(admin, (agent) => agent.post(`/api/offerings/${offeringId}/publish`));
    await as(consultant, (agent) =>
      agent.patch(`/api/offerings/${offeringId}`).send({ summary: 'Encore un autre résumé.' }),
    );
    const archived = await as(admin, (agent) => agent.post(`/api/offerings/${offeringId}/archive`));

    const entries = await audit({ entity: `offering:${offeringId}` });
    // The approval's two entries share a transaction (and maybe a millisecond): compared as a set.
    expect(entries.map((entry) => entry.action).slice(0, 1)).toEqual(['offering.archived']);
    expect(
      entries
        .map((entry) => entry.action)
        .slice(1, 3)
        .sort(),
    ).toEqual(['offering.pricing.changed', 'offering.revision.approved']);
    expect(entries.map((entry) => entry.action).slice(3)).toEqual([
      'offering.vat_treatment.proposed',
      'offering.published',
      'offering.submitted',
      'offering.rejected',
      'offering.submitted',
    ]);
    expect(entries.some((entry) => entry.requestId === proposed.requestId)).toBe(false);
    const [archive] = entries;
    const approvedPricing = entries.find(
      (entry) =>
        entry.action === 'offering.pricing.changed' && entry.requestId === approved.requestId,
    );
    const revision = entries.find((entry) => entry.action === 'offering.revision.approved');
    const vat = entries.find((entry) => entry.requestId === taxed.requestId);
    const [publish, , reject, submit] = entries.slice(4);
    expect(submit).toMatchObject({
      requestId: submitted.requestId,
      actor: { userId: consultant.id, label: 'consultant' },
      before: { status: 'draft' },
      after: { status: 'submitted' },
    });
    expect(reject).toMatchObject({
      requestId: rejected.requestId,
      actor: { userId: admin.id, label: 'admin' },
      before: { status: 'submitted' },
      after: { status: 'rejected' },
      reason: 'Programme à préciser',
    });
    expect(publish).toMatchObject({
      requestId: published.requestId,
      after: { status: 'published' },
    });
    expect(vat).toMatchObject({
      action: 'offering.vat_treatment.proposed',
      actor: { userId: finance.id, label: 'finance' },
      before: { vatTreatment: 'standard' },
      after: { vatTreatment: 'exempt_members' },
    });
    expect(approvedPricing).toMatchObject({
      actor: { userId: admin.id, label: 'admin' },
      before: { memberPriceCents: 18_000, vatTreatment: 'standard' },
      after: { memberPriceCents: 19_000, vatTreatment: 'exempt_members' },
    });
    expect(Object.keys(approvedPricing!.after as Json).sort()).toEqual([
      'memberPriceCents',
      'vatTreatment',
    ]);
    expect(revision).toMatchObject({
      requestId: approved.requestId,
      after: { memberPriceCents: 19_000, summary: 'Nouveau résumé.' },
    });
    expect(archive).toMatchObject({ requestId: archived.requestId, after: { status: 'archived' } });

    const publications = await audit({ action: 'offering.published', actor: admin.id });
    expect(publications.map((entry) => entry.entityId)).toContain(offeringId);
  });

  it('records a credit note asked for by finance, then issued by the worker as the system', async () => {
    const [organisationId] = await insertOrganisations(db, member.id, 1);
    const { sessionId } = await insertPublishedSession(db, { vatTreatment: 'standard' });
    const booked = await api()
      .post('/api/bookings')
      .auth(member.accessToken, bearer)
      .send({
        organisationId,
        sessionId,
        attendees: [{ name: 'Léa', email: 'lea@test.mutualis.fr' }],
      })
      .expect(201);
    await as(finance, (agent) =>
      agent.post(`/api/bookings/${booked.body.id}/confirm`).send({ method: 'cheque' }),
    );
    await app.get(IssueBookingInvoiceUseCase).execute(booked.body.id as string);
    const [{ id: invoiceId }] = await db.query<{ id: string }[]>(
      `SELECT id FROM invoices WHERE booking_id = $1 AND type = 'invoice'`,
      [booked.body.id],
    );
    const asked = await as(
      finance,
      (agent) =>
        agent
          .post(`/api/invoices/${invoiceId}/credit-notes`)
          .send({ amountCents: 1_200, reason: 'Geste commercial' }),
      202,
    );
    expect(await app.get(IssueRequestedCreditNoteUseCase).execute(asked.body.id as string)).toBe(
      'issued',
    );

    const [issued, requested] = await audit({ entity: `invoice:${invoiceId}` });
    expect(requested).toMatchObject({
      action: 'credit_note.requested',
      actor: { userId: finance.id, label: 'finance' },
      requestId: asked.requestId,
      before: { amountCreditedCents: 0 },
      after: { creditNoteId: asked.body.id, totalInclVatCents: 1_200 },
      reason: 'Geste commercial',
    });
    expect(issued).toMatchObject({
      action: 'credit_note.issued',
      actor: { userId: null, label: 'system', name: null },
      requestId: null,
      before: { amountCreditedCents: 0 },
      after: {
        amountCreditedCents: 1_200,
        creditNoteId: asked.body.id,
        creditNoteNumber: expect.stringMatching(/^AV-/),
      },
    });
  });

  it('records a refund transfer finance marks done', async () => {
    const [organisationId] = await insertOrganisations(db, member.id, 1, 'active');
    const { sessionId } = await insertPublishedSession(db, {
      startsInMs: 30 * DAY_MS,
      vatTreatment: 'standard',
    });
    const booked = await api()
      .post('/api/bookings')
      .auth(member.accessToken, bearer)
      .send({
        organisationId,
        sessionId,
        attendees: [{ name: 'Léa', email: 'lea@test.mutualis.fr' }],
      })
      .expect(201);
    const bookingId = booked.body.id as string;
    await api()
      .post(`/api/bookings/${bookingId}/checkout`)
      .auth(member.accessToken, bearer)
      .send({ method: 'bank_transfer' })
      .expect(200);
    await sql(app, `UPDATE payments SET status = 'succeeded' WHERE booking_id = $1`, [bookingId]);
    const cancelled = await api()
      .post(`/api/bookings/${bookingId}/cancel`)
      .auth(member.accessToken, bearer)
      .send({})
      .expect(200);
    const [event] = await db.query<{ id: string }[]>(
      `SELECT id FROM outbox_events WHERE aggregate_id = $1 AND type = 'booking.cancelled'`,
      [bookingId],
    );
    const amountCents = cancelled.body.refund.amountCents as number;
    await app.get(RefundCancellationUseCase).execute(event.id, bookingId, amountCents);
    const [{ id: refundId }] = await db.query<{ id: string }[]>(
      `SELECT id FROM refunds WHERE booking_id = $1`,
      [bookingId],
    );
    const done = await as(finance, (agent) =>
      agent.post(`/api/finance/refund-instructions/${refundId}/done`),
    );
    expect(await audit({ entity: `refund:${refundId}` })).toMatchObject([
      {
        action: 'refund.marked_done',
        actor: { userId: finance.id, label: 'finance' },
        requestId: done.requestId,
        before: { status: 'instructed' },
        after: { status: 'done', amountCents },
        context: { bookingId },
      },
    ]);
  });

  it('records a CSV profile saved, then changed', async () => {
    const id = `banque-${randomBytes(3).toString('hex')}`;
    const profile = {
      name: 'Ma banque',
      delimiter: ';',
      encoding: 'utf-8',
      decimalSeparator: ',',
      dateFormat: 'dd/MM/yyyy',
      columns: { bookingDate: 'Date', label: 'Libellé', amount: 'Montant' },
    };
    const created = await as(finance, (agent) =>
      agent.put(`/api/finance/csv-profiles/${id}`).send({ id, ...profile }),
    );
    const changed = await as(finance, (agent) =>
      agent.put(`/api/finance/csv-profiles/${id}`).send({ id, ...profile, delimiter: ',' }),
    );
    const { name: _name, ...settings } = profile;
    expect(await audit({ entity: `csv_profile:${id}` })).toMatchObject([
      {
        action: 'csv_profile.saved',
        requestId: changed.requestId,
        before: { delimiter: ';' },
        after: { delimiter: ',' },
      },
      {
        action: 'csv_profile.saved',
        actor: { userId: finance.id, label: 'finance' },
        requestId: created.requestId,
        before: null,
        after: { name: 'Ma banque', ...settings },
      },
    ]);
  });

  it('pages newest first with a cursor, and filters by actor, action and time', async () => {
    const subject = await registerAndLogIn(app, 'paged');
    const before = new Date(Date.now() - 5).toISOString();
    for (const roles of [['finance'], ['consultant'], []]) {
      await as(admin, (agent) => agent.put(`/api/users/${subject.id}/roles`).send({ roles }));
    }
    const first = await api()
      .get('/api/admin/audit')
      .query({ entity: `user:${subject.id}`, limit: 2 })
      .auth(admin.accessToken, bearer)
      .expect(200);
    expect(first.body.items.map((entry: Json) => entry.after.roles)).toEqual([[], ['consultant']]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await api()
      .get('/api/admin/audit')
      .query({ entity: `user:${subject.id}`, limit: 2, cursor: first.body.nextCursor })
      .auth(admin.accessToken, bearer)
      .expect(200);
    expect(second.body).toEqual({
      items: [expect.objectContaining({ after: { roles: ['finance'] } })],
      nextCursor: null,
    });

    expect(await audit({ entity: 'user', actor: admin.id, from: before })).toHaveLength(3);
    expect(await audit({ entity: `user:${subject.id}`, to: before })).toEqual([]);
    expect(await audit({ entity: `user:${subject.id}`, action: 'offering.published' })).toEqual([]);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    expect(await audit({ entity: `user:${subject.id}`, from: today, to: today })).toHaveLength(3);
  });

  it('is for Chambre admins only, and answers 400 problem+json to malformed filters', async () => {
    await api().get('/api/admin/audit').expect(401);
    await api().get('/api/admin/audit').auth(finance.accessToken, bearer).expect(403);
    await api().get('/api/admin/audit').auth(member.accessToken, bearer).expect(403);
    for (const query of [
      { actor: 'not-a-uuid' },
      { entity: 'Offering' },
      { entity: 'offering:' },
      { entity: `offering:${'x'.repeat(300)}` },
      { action: 'DROP TABLE' },
      { from: '2026-13-45' },
      { to: 'yesterday' },
      { to: '9999-12-31' },
      { from: '0001-01-01' },
      { cursor: 'bm90IG91cnM' },
      { limit: 0 },
      { limit: 101 },
    ]) {
      const response = await api()
        .get('/api/admin/audit')
        .query(query)
        .auth(admin.accessToken, bearer);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('answers the far past and the far future with an empty page, not an error', async () => {
    for (const query of [
      { from: '1900-01-01', to: '1900-01-02' },
      { from: '2999-12-30', to: '2999-12-31' },
      { from: '2026-03-29T02:30:00+02:00', to: '2026-03-29T01:30:00Z' },
      { entity: `csv_profile:${'a'.repeat(200)}` },
    ]) {
      const response = await api()
        .get('/api/admin/audit')
        .query(query)
        .auth(admin.accessToken, bearer);
      expect({ query, status: response.status, body: response.body as unknown }).toEqual({
        query,
        status: 200,
        body: { items: [], nextCursor: null },
      });
    }
  });

  it('cannot be updated, deleted or truncated through the application’s own connection', async () => {
    const [{ n: count }] = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_log`,
    );
    expect(count).toBeGreaterThan(0);
    const attempts = [
      `UPDATE audit_log SET after = '{"roles": ["admin"]}'`,
      `UPDATE audit_log SET actor_user_id = NULL WHERE false`,
      `DELETE FROM audit_log`,
      `DELETE FROM audit_log WHERE false`,
      `TRUNCATE audit_log`,
    ];
    // The application role was never given these privileges…
    for (const statement of attempts) {
      await expect(db.query(statement)).rejects.toMatchObject({
        code: '42501',
        message: expect.stringContaining('permission denied for table audit_log'),
      });
    }
    // …and the owner that migrates, a superuser in tests, meets the trigger.
    for (const statement of attempts) {
      await expect(ownerSql(statement)).rejects.toMatchObject({
        code: '42501',
        message: expect.stringContaining('append-only'),
      });
    }
    const [{ n: after }] = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_log`,
    );
    expect(after).toBe(count);
    // Not even inside a transaction the application opens, as a use case would.
    await expect(
      db.transaction((manager) => manager.query(`DELETE FROM audit_log`)),
    ).rejects.toMatchObject({ code: '42501' });
    // The application may not switch triggers off for replication; a superuser may, and the
    // trigger fires all the same (ENABLE ALWAYS).
    await expect(
      db.transaction(async (manager) => {
        await manager.query(`SET LOCAL session_replication_role = replica`);
      }),
    ).rejects.toMatchObject({ code: '42501' });
    await expect(
      asOwner(async (owner) => {
        await owner.query('BEGIN');
        try {
          await owner.query(`SET LOCAL session_replication_role = replica`);
          await owner.query(`DELETE FROM audit_log`);
        } finally {
          await owner.query('ROLLBACK');
        }
      }),
    ).rejects.toMatchObject({ code: '42501', message: expect.stringContaining('append-only') });
    const [{ n: still }] = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_log`,
    );
    expect(still).toBe(count);
  });
});
