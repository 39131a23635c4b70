import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Clock, parisYear } from '@mutualis/core';
import {
  configureChambre,
  insertOrganisations,
  insertPublishedSession,
  validSiret,
} from '@mutualis/testing';
import { registerAndLogIn, TestUser, userWithRoles } from '../support/api-client';
import {
  describeFindings,
  EinvoicingValidators,
  einvoicingValidators,
} from '../support/einvoicing-validators';
import { eventually } from '../support/expectations';
import { extractEmbeddedFile } from '../support/factur-x-pdf';
import { startInProcessWorker } from '../support/in-process-worker';
import { IsolatedEnvironment, isolatedEnvironment } from '../support/isolated-environment';
import { createTestApp } from '../support/test-app';

const HEADER =
  'SIRET;RNA;Raison sociale;Forme juridique;Adresse;Code postal;Ville;E-mail de contact;Cotisation;Années payées';

function rna(): string {
  return `W13${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
}

/**
 * Moving a Chambre in: its member spreadsheet checked line by line (dry run), then applied by the
 * worker in batches — organisations, active memberships of the paid years (so the member price
 * applies), profiles, invitations — idempotently; an association with an RNA number only is
 * created and invoiced like any member, its Factur-X valid.
 */
describe('importing existing members (CSV)', () => {
  let environment: IsolatedEnvironment;
  let app: NestExpressApplication;
  let worker: INestApplication;
  let db: DataSource;
  let storage: string;
  let admin: TestUser;
  let validatorsReady: Promise<EinvoicingValidators>;
  const year = parisYear(new Date());
  const scopSiret = validSiret();
  const existingSiret = validSiret();
  const associationRna = rna();
  let csv: string;

  const api = () => request(app.getHttpServer());

  function upload(content: string | Buffer, query = '', fileName = 'adherents.csv') {
    return api()
      .post(`/api/membership/imports${query}`)
      .auth(admin.accessToken, { type: 'bearer' })
      .attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), fileName);
  }

  async function completed(id: string): Promise<Record<string, unknown>> {
    return eventually(
      async () =>
        (
          await api()
            .get(`/api/membership/imports/${id}`)
            .auth(admin.accessToken, { type: 'bearer' })
            .expect(200)
        ).body as Record<string, unknown>,
      (body) => body.status !== 'running',
      60_000,
    );
  }

  beforeAll(async () => {
    validatorsReady = einvoicingValidators();
    environment = await isolatedEnvironment('import');
    storage = mkdtempSync(join(tmpdir(), 'mutualis-import-'));
    const env = { ...environment.env, OUTBOX_POLL_MS: '50', INVOICE_STORAGE_DIR: storage };
    app = await createTestApp(env);
    db = app.get(DataSource);
    await configureChambre(db);
    worker = await startInProcessWorker(env, new Clock());
    admin = await userWithRoles(app, 'import-admin', ['admin']);
    const owner = await registerAndLogIn(app, 'import-owner');
    const [existingId] = await insertOrganisations(db, owner.id, 1, null);
    await db.query(`UPDATE organisations SET siret = $2 WHERE id = $1`, [
      existingId,
      existingSiret,
    ]);
    csv = [
      HEADER,
      `${scopSiret};;Les Ateliers Réunis;SCOP;12 rue de la Paix;13001;Marseille;contact@ateliers-reunis.fr;"1 200,00";"${year};${year + 1}"`,
      `;${associationRna};Les Amis du Lavoir;Association loi 1901;Place du Lavoir;83670;Barjols;tresorerie@amis-du-lavoir.fr;"50,00";"${year}, ${year + 1}"`,
      `${existingSiret};;SCOP déjà là;Coopérative;1 rue de la Paix;13001;Marseille;compta@deja-la.fr;300;${year}`,
      `12345678901234;;SIRET faux;SCOP;1 rue A;13001;Marseille;a@b.fr;10;${year}`,
      `${validSiret()};;Forme inconnue;Société anonyme;1 rue A;13001;Marseille;a@b.fr;10;${year}`,
      `${scopSiret};;Les Ateliers encore;SCOP;1 rue A;13001;Marseille;a@b.fr;10;${year}`,
    ].join('\n');
  }, 600_000);

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await environment?.drop();
    if (storage) rmSync(storage, { recursive: true, force: true });
  });

  it('dry run: reports per line what would be created, updated or refused and why, writing nothing', async () => {
    const response = await upload(csv, '?dryRun=true').expect(200);
    expect(response.body).toMatchObject({ total: 6, create: 2, update: 1, refuse: 3 });
    expect(response.body.lines).toEqual([
      expect.objectContaining({ line: 2, action: 'create', siret: scopSiret, reasons: [] }),
      expect.objectContaining({ line: 3, action: 'create', siret: null, rna: associationRna }),
      expect.objectContaining({ line: 4, action: 'update', siret: existingSiret }),
      expect.objectContaining({
        line: 5,
        action: 'refuse',
        reasons: [expect.stringMatching(/invalid SIRET/)],
      }),
      expect.objectContaining({
        line: 6,
        action: 'refuse',
        reasons: [expect.stringMatching(/unknown legal form « Société anonyme »/)],
      }),
      expect.objectContaining({ line: 7, action: 'refuse', reasons: ['duplicate of line 2'] }),
    ]);
    const [written] = await db.query<{ organisations: number; imports: number }[]>(
      `SELECT (SELECT count(*)::int FROM organisations WHERE siret = $1 OR rna = $2) AS organisations,
              (SELECT count(*)::int FROM membership_imports) AS imports`,
      [scopSiret, associationRna],
    );
    expect(written).toEqual({ organisations: 0, imports: 0 });
  });

  it('applies: 202, then the worker creates the organisations, their paid years active, profiles and invitations', async () => {
    const started = await upload(csv).expect(202);
    expect(started.body).toMatchObject({ status: 'running', total: 6, refused: 3 });
    const done = await completed(started.body.id as string);
    expect(done).toMatchObject({
      status: 'completed',
      total: 6,
      processed: 3,
      created: 2,
      updated: 1,
      refused: 3,
    });
    expect((done.refusedLines as { line: number }[]).map((line) => line.line)).toEqual([5, 6, 7]);

    const organisations = await db.query<
      { id: string; siret: string | null; rna: string | null; legal_form: string }[]
    >(
      `SELECT id, siret, rna, legal_form FROM organisations
        WHERE siret = ANY($1) OR rna = $2 ORDER BY legal_name`,
      [[scopSiret, existingSiret], associationRna],
    );
    expect(organisations).toHaveLength(3);
    const memberships = await db.query<
      { siret: string | null; year: number; status: string; fee_cents: string }[]
    >(
      `SELECT o.siret, m.year, m.status, m.fee_cents FROM memberships m
         JOIN organisations o ON o.id = m.organisation_id
        WHERE o.siret = ANY($1) OR o.rna = $2 ORDER BY o.legal_name, m.year`,
      [[scopSiret, existingSiret], associationRna],
    );
    expect(memberships).toEqual([
      { siret: null, year, status: 'active', fee_cents: '5000' },
      { siret: null, year: year + 1, status: 'active', fee_cents: '5000' },
      { siret: scopSiret, year, status: 'active', fee_cents: '120000' },
      { siret: scopSiret, year: year + 1, status: 'active', fee_cents: '120000' },
      { siret: existingSiret, year, status: 'active', fee_cents: '30000' },
    ]);
    const profiles = await db.query<{ family: string; headcount: number | null }[]>(
      `SELECT p.family, p.headcount FROM membership_profiles p
         JOIN organisations o ON o.id = p.organisation_id
        WHERE o.siret = ANY($1) OR o.rna = $2 ORDER BY o.legal_name`,
      [[scopSiret, existingSiret], associationRna],
    );
    expect(profiles).toEqual([
      { family: 'association', headcount: null },
      { family: 'cooperative', headcount: null },
      { family: 'cooperative', headcount: null },
    ]);
    // The contacts of the two created organisations are invited as org admins (not the existing one's).
    const invitations = await db.query<{ email: string; role: string }[]>(
      `SELECT i.email, i.role FROM invitations i JOIN organisations o ON o.id = i.organisation_id
        WHERE o.siret = ANY($1) OR o.rna = $2 ORDER BY i.email`,
      [[scopSiret, existingSiret], associationRna],
    );
    expect(invitations).toEqual([
      { email: 'contact@ateliers-reunis.fr', role: 'org_admin' },
      { email: 'tresorerie@amis-du-lavoir.fr', role: 'org_admin' },
    ]);
    const [{ events }] = await db.query<{ events: number }[]>(
      `SELECT count(*)::int AS events FROM outbox_events
        WHERE type = 'identity.invitation-created'
          AND payload->>'organisationId' IN (SELECT id::text FROM organisations WHERE siret = $1 OR rna = $2)`,
      [scopSiret, associationRna],
    );
    expect(events).toBe(2);
  }, 90_000);

  it('applying the same file again creates nothing and invites no one twice', async () => {
    const started = await upload(csv).expect(202);
    const done = await completed(started.body.id as string);
    expect(done).toMatchObject({ status: 'completed', created: 0, updated: 3, refused: 3 });
    const [{ organisations, invitations }] = await db.query<
      { organisations: number; invitations: number }[]
    >(
      `SELECT (SELECT count(*)::int FROM organisations WHERE siret = ANY($1) OR rna = $2) AS organisations,
              (SELECT count(*)::int FROM invitations i JOIN organisations o ON o.id = i.organisation_id
                WHERE o.siret = ANY($1) OR o.rna = $2) AS invitations`,
      [[scopSiret, existingSiret], associationRna],
    );
    expect({ organisations, invitations }).toEqual({ organisations: 3, invitations: 2 });
  }, 90_000);

  it('invoices the association known by its RNA number only, at the member price, with a valid Factur-X', async () => {
    const [association] = await db.query<{ id: string }[]>(
      `SELECT id FROM organisations WHERE rna = $1`,
      [associationRna],
    );
    // Its contact would accept the e-mailed invitation; here a user joins it directly.
    const treasurer = await registerAndLogIn(app, 'import-treasurer');
    await db.query(
      `INSERT INTO organisation_members (organisation_id, user_id, role) VALUES ($1, $2, 'org_admin')`,
      [association.id, treasurer.id],
    );
    const { sessionId } = await insertPublishedSession(db, {
      memberPriceCents: 9_000,
      nonMemberPriceCents: 15_000,
    });
    const booked = await api()
      .post('/api/bookings')
      .auth(treasurer.accessToken, { type: 'bearer' })
      .send({
        organisationId: association.id,
        sessionId,
        attendees: [{ name: 'Jeanne Martin', email: 'jeanne@amis-du-lavoir.fr' }],
      })
      .expect(201);
    // The membership of the session's year is active (imported as paid): the member price.
    expect(booked.body).toMatchObject({ memberPrice: true, unitPriceCents: 9_000 });
    const checkout = await api()
      .post(`/api/bookings/${booked.body.id}/checkout`)
      .auth(treasurer.accessToken, { type: 'bearer' })
      .send({ method: 'bank_transfer' })
      .expect(200);
    expect(checkout.body.invoiceId).toEqual(expect.any(String));
    // Issued by the worker (numbered, journaled, its Factur-X stored) like any invoice.
    const [{ id: invoiceId }] = await eventually(
      () =>
        db.query<{ id: string; number: string | null }[]>(
          `SELECT id, number FROM invoices WHERE booking_id = $1`,
          [booked.body.id],
        ),
      (rows) => rows[0]?.number != null,
      30_000,
    );
    const invoice = (
      await api()
        .get(`/api/invoices/${invoiceId}`)
        .auth(treasurer.accessToken, { type: 'bearer' })
        .expect(200)
    ).body as { buyer: { siret: string | null; rna?: string | null } };
    expect(invoice.buyer).toMatchObject({ siret: null, rna: associationRna });
    const pdf = await eventually(
      async () =>
        api()
          .get(`/api/invoices/${invoiceId}/pdf`)
          .auth(treasurer.accessToken, { type: 'bearer' })
          .responseType('blob'),
      (response) => response.status === 200,
      30_000,
    );
    const xml = extractEmbeddedFile(pdf.body as Buffer).toString('utf8');
    expect(xml).not.toContain('schemeID="0002"><');
    expect(xml).toContain(`schemeID="EM">tresorerie@amis-du-lavoir.fr<`);
    const reports = await (await validatorsReady).validate(xml);
    expect(describeFindings(reports, 'fatal')).toBe('');
    // Journaled like any sale: its customer account under 411 (the FEC's CompAuxNum/CompAuxLib)
    // is keyed by the organisation, not by a SIRET it does not have.
    const [customer] = await eventually(
      () =>
        db.query<{ auxiliary_number: string; auxiliary_label: string }[]>(
          `SELECT auxiliary_number, auxiliary_label FROM accounting_entry_lines
            WHERE organisation_id = $1 AND auxiliary_number IS NOT NULL`,
          [association.id],
        ),
      (rows) => rows.length > 0,
      30_000,
    );
    expect(customer).toEqual({
      auxiliary_number: expect.stringMatching(/^C[0-9A-F]{12}$/),
      auxiliary_label: 'Les Amis du Lavoir',
    });
  }, 600_000);

  it('refuses a file without a required column as a whole (422 problem)', async () => {
    const response = await upload('SIRET;Raison sociale\n1;2\n', '?dryRun=true').expect(422);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.detail).toMatch(/forme juridique/);
  });

  it('refuses what is not a CSV, and a file too large, with a problem', async () => {
    const notCsv = await upload(
      Buffer.from('%PDF-1.7\n\0\0binary'),
      '?dryRun=true',
      'adherents.pdf',
    );
    expect(notCsv.status).toBe(422);
    expect(notCsv.headers['content-type']).toMatch(/application\/problem\+json/);
    const binary = await upload(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]), '?dryRun=true');
    expect(binary.status).toBe(422);
    const huge = await upload(Buffer.alloc(21 * 1024 * 1024, 'a'), '?dryRun=true');
    expect(huge.status).toBe(413);
    expect(huge.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('is the Chambre admin’s: anyone else is refused (403)', async () => {
    const member = await registerAndLogIn(app, 'import-member');
    await api()
      .post('/api/membership/imports?dryRun=true')
      .auth(member.accessToken, { type: 'bearer' })
      .attach('file', Buffer.from(csv, 'utf8'), 'adherents.csv')
      .expect(403);
    await api()
      .post('/api/membership/imports?dryRun=true')
      .attach('file', Buffer.from(csv, 'utf8'), 'adherents.csv')
      .expect(401);
  });
});
