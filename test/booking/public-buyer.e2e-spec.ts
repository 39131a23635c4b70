import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { configureChambre, insertPublishedSession, validSiret } from '@mutualis/testing';
import {
  createOrganisation,
  organisationBody,
  registerAndLogIn,
  TestUser,
  userWithRoles,
} from '../support/api-client';
import { eventually, expectProblem, expectStatus } from '../support/expectations';
import { startWorkerHarness, WorkerHarness } from '../support/worker-harness';
import { attendees, sessionState } from './booking-fixtures';

/** A SIRET that fails its Luhn check. */
function badSiret(): string {
  const valid = validSiret();
  return valid.slice(0, 13) + String((Number(valid[13]) + 1) % 10);
}

// A public body's Chorus Pro structure and the references its bookings carry, over HTTP, to
// its invoice and credit note issued by a worker process; and whether an organisation is
// VAT-registered, asked at sign-up and edited by its admins.
describe('public buyers: Chorus Pro structure, booking references, invoice snapshot', () => {
  let harness: WorkerHarness;
  let app: NestExpressApplication;
  let db: DataSource;
  let storage: string;
  let mayor: TestUser;
  let stranger: TestUser;
  let admin: TestUser;
  let communeId: string;
  let communeSiret: string;

  const http = () => request(app.getHttpServer());
  const patch = (user: TestUser, id: string, body: object) =>
    http().patch(`/api/organisations/${id}`).auth(user.accessToken, { type: 'bearer' }).send(body);
  const book = (user: TestUser, body: object) =>
    http().post('/api/bookings').auth(user.accessToken, { type: 'bearer' }).send(body);

  beforeAll(async () => {
    storage = mkdtempSync(join(tmpdir(), 'mutualis-public-buyer-'));
    harness = await startWorkerHarness('public_buyer', { INVOICE_STORAGE_DIR: storage });
    ({ app, db } = harness);
    await configureChambre(db);
    [mayor, stranger, admin] = await Promise.all([
      registerAndLogIn(app, 'mayor'),
      registerAndLogIn(app, 'stranger'),
      userWithRoles(app, 'chambre-admin', ['admin']),
    ]);
    communeSiret = validSiret();
    communeId = await createOrganisation(app, mayor, {
      legalName: 'Commune de Test',
      legalForm: 'other',
      siret: communeSiret,
      rna: null,
    });
  }, 60_000);

  afterAll(async () => {
    await harness?.stop();
    rmSync(storage, { recursive: true, force: true });
  });

  describe('VAT-registered (assujetti)', () => {
    it('defaults from the legal form at sign-up, keeps what is said, and shows it', async () => {
      const association = await http()
        .post('/api/organisations')
        .auth(stranger.accessToken, { type: 'bearer' })
        .send(organisationBody());
      expectStatus(association, 201);
      expect(association.body).toMatchObject({ vatRegistered: false, chorusStructure: null });
      const scop = await http()
        .post('/api/organisations')
        .auth(stranger.accessToken, { type: 'bearer' })
        .send(organisationBody({ legalForm: 'scop', rna: null }));
      expect(scop.body.vatRegistered).toBe(true);
      const said = await http()
        .post('/api/organisations')
        .auth(stranger.accessToken, { type: 'bearer' })
        .send(organisationBody({ vatRegistered: true }));
      expect(said.body.vatRegistered).toBe(true);
    });

    it('is edited by the organisation’s admin; null or a non-boolean is a 400 that changes nothing', async () => {
      const changed = await patch(mayor, communeId, { vatRegistered: false });
      expectStatus(changed, 200);
      expect(changed.body.vatRegistered).toBe(false);
      for (const vatRegistered of [null, 'oui']) {
        expectProblem(await patch(mayor, communeId, { vatRegistered }), 400);
      }
      const read = await http()
        .get(`/api/organisations/${communeId}`)
        .auth(mayor.accessToken, { type: 'bearer' });
      expect(read.body.vatRegistered).toBe(false);
    });
  });

  describe('the Chorus Pro structure', () => {
    it('is refused on an organisation that is not a public body (yet)', async () => {
      const refused = await patch(mayor, communeId, {
        chorusStructure: { engagementNumberRequired: true },
      });
      expectProblem(refused, 400, 'invalid_organisation');
      expect(refused.body.errors).toEqual([
        { field: 'chorusStructure', message: 'only a public body has a Chorus Pro structure' },
      ]);
    });

    it('is the organisation itself once the Chambre marks it a public body', async () => {
      const marked = await patch(admin, communeId, { isPublicBody: true });
      expectStatus(marked, 200);
      expect(marked.body.chorusStructure).toEqual({
        structureSiret: communeSiret,
        serviceCodeRequired: false,
        engagementNumberRequired: false,
        defaultServiceCode: null,
      });
    });

    it('refuses a structure SIRET that fails its check digit (400) and one that is not 14 digits', async () => {
      const wrongKey = await patch(mayor, communeId, {
        chorusStructure: { structureSiret: badSiret(), engagementNumberRequired: true },
      });
      expectProblem(wrongKey, 400, 'invalid_organisation');
      expect(wrongKey.body.errors).toEqual([
        { field: 'chorusStructure.structureSiret', message: expect.any(String) },
      ]);
      expectProblem(
        await patch(mayor, communeId, { chorusStructure: { structureSiret: '123' } }),
        400,
      );
      const read = await http()
        .get(`/api/organisations/${communeId}`)
        .auth(mayor.accessToken, { type: 'bearer' });
      expect(read.body.chorusStructure.engagementNumberRequired).toBe(false);
    });

    it('is set by the public body’s admin: another structure that requires an engagement number', async () => {
      const structure = validSiret();
      const updated = await patch(mayor, communeId, {
        chorusStructure: { structureSiret: structure, engagementNumberRequired: true },
      });
      expectStatus(updated, 200);
      expect(updated.body.chorusStructure).toEqual({
        structureSiret: structure,
        serviceCodeRequired: false,
        engagementNumberRequired: true,
        defaultServiceCode: null,
      });
    });
  });

  describe('a booking of the public body', () => {
    it('is refused without the engagement number its structure requires: 422, nothing held', async () => {
      const { sessionId } = await insertPublishedSession(db, { capacity: 5 });
      const before = await sessionState(db, sessionId);
      const refused = await book(mayor, {
        organisationId: communeId,
        sessionId,
        attendees: attendees(1),
      });
      expectProblem(refused, 422, 'engagement_number_required');
      expect(refused.body.errors).toEqual([
        { field: 'engagementNumber', message: 'is required by the Chorus Pro structure' },
      ]);
      expect(await sessionState(db, sessionId)).toEqual(before);
    });

    it('refuses an engagement number longer than Chorus Pro takes (400)', async () => {
      const { sessionId } = await insertPublishedSession(db, { capacity: 5 });
      expectProblem(
        await book(mayor, {
          organisationId: communeId,
          sessionId,
          attendees: attendees(1),
          engagementNumber: 'E'.repeat(51),
        }),
        400,
      );
    });

    it('carries it to the invoice the worker issues, and to the credit note of its cancellation', async () => {
      const { sessionId } = await insertPublishedSession(db, { capacity: 5 });
      const created = await book(mayor, {
        organisationId: communeId,
        sessionId,
        attendees: attendees(2),
        engagementNumber: 'EJ-2027-000142',
      });
      expectStatus(created, 201);
      expect(created.body).toMatchObject({
        status: 'pending_payment',
        engagementNumber: 'EJ-2027-000142',
        serviceCode: null,
      });
      const bookingId = created.body.id as string;
      const confirmed = await http()
        .post(`/api/bookings/${bookingId}/confirm`)
        .auth(admin.accessToken, { type: 'bearer' })
        .send({ method: 'administrative_mandate' });
      expectStatus(confirmed, 200);

      const structure = await http()
        .get(`/api/organisations/${communeId}`)
        .auth(mayor.accessToken, { type: 'bearer' });
      const expectedBuyer = {
        siret: communeSiret,
        publicBody: true,
        vatRegistered: false,
        publicProcurement: {
          structureSiret: structure.body.chorusStructure.structureSiret,
          engagementNumber: 'EJ-2027-000142',
          serviceCode: null,
        },
      };
      const [invoice] = await eventually(
        () =>
          db.query<{ id: string; status: string; buyer: object }[]>(
            `SELECT id, status, buyer FROM invoices WHERE booking_id = $1 AND type = 'invoice'`,
            [bookingId],
          ),
        (rows) => rows.length === 1 && rows[0].status !== 'draft',
        30_000,
      );
      expect(invoice.buyer).toMatchObject(expectedBuyer);
      const shown = await http()
        .get(`/api/invoices/${invoice.id}`)
        .auth(mayor.accessToken, { type: 'bearer' });
      expectStatus(shown, 200);
      expect(shown.body.buyer).toMatchObject(expectedBuyer);

      const cancelled = await http()
        .post(`/api/bookings/${bookingId}/cancel`)
        .auth(admin.accessToken, { type: 'bearer' })
        .send({ reason: 'Formation annulée par la mairie', fullRefund: true });
      expectStatus(cancelled, 200);
      const [creditNote] = await eventually(
        () =>
          db.query<{ status: string; buyer: object }[]>(
            `SELECT status, buyer FROM invoices WHERE corrects_invoice_id = $1`,
            [invoice.id],
          ),
        (rows) => rows.length === 1 && rows[0].status !== 'draft',
        30_000,
      );
      expect(creditNote.buyer).toEqual(invoice.buyer);
    }, 60_000);

    it('is not confirmed by the Chambre when its structure came to require a service code it lacks', async () => {
      const { sessionId } = await insertPublishedSession(db, { capacity: 5 });
      const created = await book(mayor, {
        organisationId: communeId,
        sessionId,
        attendees: attendees(1),
        engagementNumber: 'EJ-2027-000143',
      });
      expectStatus(created, 201);
      expectStatus(
        await patch(mayor, communeId, { chorusStructure: { serviceCodeRequired: true } }),
        200,
      );
      const refused = await http()
        .post(`/api/bookings/${created.body.id}/confirm`)
        .auth(admin.accessToken, { type: 'bearer' })
        .send({ method: 'administrative_mandate' });
      expectProblem(refused, 422, 'service_code_required');
      const read = await http()
        .get(`/api/bookings/${created.body.id}`)
        .auth(mayor.accessToken, { type: 'bearer' });
      expect(read.body.status).toBe('pending_payment');
      const paid = await http()
        .post(`/api/bookings/${created.body.id}/checkout`)
        .auth(mayor.accessToken, { type: 'bearer' })
        .send({ method: 'bank_transfer' });
      expectProblem(paid, 422, 'service_code_required');
      await patch(mayor, communeId, { chorusStructure: { serviceCodeRequired: false } });
    });

    it('is confirmed on its administrative mandate when the public body chooses to pay by transfer itself', async () => {
      const { sessionId } = await insertPublishedSession(db, { capacity: 5 });
      const created = await book(mayor, {
        organisationId: communeId,
        sessionId,
        attendees: attendees(1),
        engagementNumber: 'EJ-2027-000144',
      });
      expectStatus(created, 201);
      const paid = await http()
        .post(`/api/bookings/${created.body.id}/checkout`)
        .auth(mayor.accessToken, { type: 'bearer' })
        .send({ method: 'bank_transfer' });
      expectStatus(paid, 200);
      const read = await http()
        .get(`/api/bookings/${created.body.id}`)
        .auth(mayor.accessToken, { type: 'bearer' });
      expect(read.body.status).toBe('confirmed');
      // Its public accountant pays after the service, on the mandate: the invoice says so.
      const [invoice] = await eventually(
        () =>
          db.query<{ status: string; payment_means: string }[]>(
            `SELECT status, payment_means FROM invoices WHERE booking_id = $1 AND type = 'invoice'`,
            [created.body.id],
          ),
        (rows) => rows.length === 1 && rows[0].status !== 'draft',
        30_000,
      );
      expect(invoice.payment_means).toBe('administrative_mandate');
    }, 60_000);

    it('of another organisation may not carry Chorus references (422)', async () => {
      const otherId = await createOrganisation(app, stranger);
      const { sessionId } = await insertPublishedSession(db, { capacity: 5 });
      expectProblem(
        await book(stranger, {
          organisationId: otherId,
          sessionId,
          attendees: attendees(1),
          engagementNumber: 'EJ-1',
        }),
        422,
        'procurement_references_not_applicable',
      );
    });
  });
});
