import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { configureChambre, insertOrganisations, insertPublishedSession } from '@mutualis/testing';
import { registerAndLogIn, TestUser, grantPlatformRoles } from '../support/api-client';
import { eventually } from '../support/expectations';
import { startWorkerHarness, WorkerHarness } from '../support/worker-harness';

const bearer = { type: 'bearer' } as const;

// What the worker changes is audited as the worker's, with its job (the outbox event) standing
// for the request: from the entry, the event, and from the event, the finance request behind it.
describe('audit log of the worker’s changes', () => {
  let harness: WorkerHarness;
  let storage: string;
  let member: TestUser;
  let finance: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    storage = mkdtempSync(join(tmpdir(), 'mutualis-audit-worker-'));
    harness = await startWorkerHarness('audit_worker', { INVOICE_STORAGE_DIR: storage });
    await configureChambre(harness.db);
    [member, finance, admin] = await Promise.all([
      registerAndLogIn(harness.app, 'audit-worker-member'),
      registerAndLogIn(harness.app, 'audit-worker-finance'),
      registerAndLogIn(harness.app, 'audit-worker-admin'),
    ]);
    await grantPlatformRoles(harness.app, finance, ['finance']);
    await grantPlatformRoles(harness.app, admin, ['admin']);
  }, 60_000);

  afterAll(async () => {
    await harness?.stop();
    rmSync(storage, { recursive: true, force: true });
  });

  const api = () => request(harness.app.getHttpServer());

  it('records a credit note the worker issues with the job of the request’s event', async () => {
    const [organisationId] = await insertOrganisations(harness.db, member.id, 1);
    const { sessionId } = await insertPublishedSession(harness.db, { vatTreatment: 'standard' });
    const booked = await api()
      .post('/api/bookings')
      .auth(member.accessToken, bearer)
      .send({
        organisationId,
        sessionId,
        attendees: [{ name: 'Léa Dubois', email: 'lea@test.mutualis.fr' }],
      })
      .expect(201);
    await api()
      .post(`/api/bookings/${booked.body.id}/confirm`)
      .auth(finance.accessToken, bearer)
      .send({ method: 'cheque' })
      .expect(200);
    const invoiceId = await eventually(
      async () =>
        (
          await harness.db.query<{ id: string }[]>(
            `SELECT id FROM invoices WHERE booking_id = $1 AND type = 'invoice' AND status <> 'draft'`,
            [booked.body.id],
          )
        )[0]?.id,
      (id) => id !== undefined,
    );
    expect(invoiceId).toEqual(expect.any(String));

    const asked = await api()
      .post(`/api/invoices/${invoiceId}/credit-notes`)
      .auth(finance.accessToken, bearer)
      .send({ amountCents: 1_000, reason: 'Geste' })
      .expect(202);
    const [event] = await harness.db.query<{ id: string }[]>(
      `SELECT id FROM outbox_events WHERE aggregate_id = $1 AND type = 'invoicing.credit-note-requested'`,
      [asked.body.id],
    );
    const entries = await eventually(
      async () =>
        (
          await api()
            .get('/api/admin/audit')
            .query({ entity: `invoice:${invoiceId}`, action: 'credit_note.issued' })
            .auth(admin.accessToken, bearer)
            .expect(200)
        ).body.items as Record<string, unknown>[],
      (items) => items.length > 0,
    );
    expect(entries).toMatchObject([
      {
        actor: { userId: null, label: 'system:worker', name: null },
        requestId: `job:${event.id}`,
        after: { creditNoteId: asked.body.id, creditNoteNumber: expect.stringMatching(/^AV-/) },
      },
    ]);
  });
});
