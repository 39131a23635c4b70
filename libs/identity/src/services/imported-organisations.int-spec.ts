import { randomInt } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createTestContext, uniqueEmail, validSiret } from '@mutualis/testing';
import { IdentityModule } from '../identity.module';
import {
  ImportedOrganisation,
  ImportedOrganisationsService,
} from './imported-organisations.service';

describe('importing organisations in batches', () => {
  let context: INestApplicationContext;
  let db: DataSource;
  let service: ImportedOrganisationsService;
  let adminId: string;

  beforeAll(async () => {
    context = await createTestContext([IdentityModule]);
    db = context.get(DataSource);
    service = context.get(ImportedOrganisationsService);
    [{ id: adminId }] = await db.query<{ id: string }[]>(
      `INSERT INTO users (email, name, password_hash, platform_roles)
       VALUES ($1, 'Admin import', 'x', '{admin}') RETURNING id`,
      [uniqueEmail('import-admin')],
    );
  });

  afterAll(async () => {
    await context.close();
  });

  function organisation(changes: Partial<ImportedOrganisation> = {}): ImportedOrganisation {
    return {
      siret: validSiret(),
      rna: null,
      legalName: 'SCOP importée',
      legalForm: 'scop',
      addressLine1: '1 rue de la Paix',
      postalCode: '13001',
      city: 'Marseille',
      department: '13',
      contactEmail: uniqueEmail('contact'),
      yearsPaid: [2026],
      feeCents: 12_000,
      ...changes,
    };
  }

  it('creates each organisation once when two imports of the same lines run at once', async () => {
    const rna = `W13${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
    const batch = [
      organisation(),
      organisation({ siret: null, rna, legalForm: 'association', legalName: 'Asso importée' }),
    ];
    const [first, second] = await Promise.all([
      db.transaction((manager) => service.importBatch(batch, adminId, manager)),
      db.transaction((manager) => service.importBatch(batch, adminId, manager)),
    ]);
    // Same organisations on both sides; each created by exactly one of the two.
    expect(first.map((o) => o.organisationId)).toEqual(second.map((o) => o.organisationId));
    expect(first.map((o, index) => Number(o.created) + Number(second[index].created))).toEqual([
      1, 1,
    ]);
    const [{ organisations, invitations, memberships }] = await db.query<
      { organisations: number; invitations: number; memberships: number }[]
    >(
      `SELECT count(DISTINCT o.id)::int AS organisations,
              (SELECT count(*)::int FROM invitations WHERE organisation_id = ANY($3::uuid[])) AS invitations,
              (SELECT count(*)::int FROM memberships WHERE organisation_id = ANY($3::uuid[])
                  AND status = 'active' AND fee_cents = 12000) AS memberships
         FROM organisations o WHERE o.siret = $1 OR o.rna = $2`,
      [batch[0].siret, rna, first.map((o) => o.organisationId)],
    );
    expect({ organisations, invitations, memberships }).toEqual({
      organisations: 2,
      invitations: 2,
      memberships: 2,
    });
  });

  it('matches an existing organisation by its RNA number when its SIRET is new, and leaves its identity', async () => {
    const rna = `W13${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
    const [created] = await db.transaction((manager) =>
      service.importBatch(
        [organisation({ siret: null, rna, legalForm: 'association', legalName: 'Avant' })],
        adminId,
        manager,
      ),
    );
    const [again] = await db.transaction((manager) =>
      service.importBatch(
        [organisation({ rna, legalForm: 'association', legalName: 'Après', yearsPaid: [2027] })],
        adminId,
        manager,
      ),
    );
    expect(again).toEqual({ organisationId: created.organisationId, created: false });
    const [row] = await db.query<{ legal_name: string; siret: string | null; years: number[] }[]>(
      `SELECT legal_name, siret,
              (SELECT array_agg(year ORDER BY year) FROM memberships WHERE organisation_id = o.id) AS years
         FROM organisations o WHERE id = $1`,
      [created.organisationId],
    );
    expect(row).toEqual({ legal_name: 'Avant', siret: null, years: [2026, 2027] });
  });
});
