import { randomInt } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { createTestContext, uniqueEmail, validSiret } from '@mutualis/testing';
import { IdentityModule } from '../../identity.module';
import { Actor, defaultVatRegistered, LEGAL_FORMS, LegalForm } from '../../identity.types';
import { OrganisationDirectoryService } from '../../services/organisation-directory.service';
import { CreateOrganisationUseCase } from '../create-organisation/create-organisation.use-case';
import { RegisterUserUseCase } from '../register-user/register-user.use-case';
import { UpdateOrganisationUseCase } from './update-organisation.use-case';

/** A SIRET that fails its Luhn check: the last digit of a valid one, changed. */
function badSiret(): string {
  const valid = validSiret();
  return valid.slice(0, 13) + String((Number(valid[13]) + 1) % 10);
}

describe('An organisation says whether it is VAT-registered, and a public body names its Chorus Pro structure', () => {
  let context: INestApplicationContext;
  let db: DataSource;
  let create: CreateOrganisationUseCase;
  let update: UpdateOrganisationUseCase;
  let directory: OrganisationDirectoryService;
  let owner: Actor;
  let chambreAdmin: Actor;

  const address = { line1: '2 rue Longue', postalCode: '84000', city: 'Avignon' };
  const register = async (label: string) => {
    const user = await context.get(RegisterUserUseCase).execute({
      email: uniqueEmail(label),
      name: label,
      password: 'a long enough password',
      emailVerified: true,
    });
    return user.id;
  };
  const organisation = (
    legalForm: LegalForm,
    extra: Partial<Parameters<CreateOrganisationUseCase['execute']>[0]> = {},
  ) =>
    create.execute({
      actor: owner,
      legalName: `Organisation ${legalForm}`,
      legalForm,
      siret: validSiret(),
      // Unique, like SIRETs.
      rna:
        legalForm === 'association'
          ? `W84${String(randomInt(0, 10_000_000)).padStart(7, '0')}`
          : null,
      address,
      billingEmail: uniqueEmail('billing'),
      ...extra,
    });

  beforeAll(async () => {
    context = await createTestContext([IdentityModule]);
    db = context.get<DataSource>(getDataSourceToken());
    create = context.get(CreateOrganisationUseCase);
    update = context.get(UpdateOrganisationUseCase);
    directory = context.get(OrganisationDirectoryService);
    owner = { userId: await register('owner'), roles: [] };
    chambreAdmin = { userId: await register('chambre-admin'), roles: ['admin'] };
  });

  afterAll(async () => {
    await context.close();
  });

  it('defaults from the legal form when not said: associations and foundations are not liable, the others are', async () => {
    for (const legalForm of LEGAL_FORMS) {
      const created = await organisation(legalForm);
      expect({ legalForm, vatRegistered: created.vatRegistered }).toEqual({
        legalForm,
        vatRegistered: !['association', 'fondation'].includes(legalForm),
      });
    }
  });

  it('fills a row inserted without it by the same table as the application (the database default)', async () => {
    for (const legalForm of LEGAL_FORMS) {
      for (const isPublicBody of [false, true]) {
        const [row] = await db.query<{ vat_registered: boolean }[]>(
          `INSERT INTO organisations (legal_name, legal_form, siret, address_line1, postal_code, city, department, billing_email, is_public_body)
           VALUES ('Par script', $1, $2, '1 rue', '84000', 'Avignon', '84', 'x@example.org', $3)
           RETURNING vat_registered`,
          [legalForm, validSiret(), isPublicBody],
        );
        expect({ legalForm, isPublicBody, vatRegistered: row.vat_registered }).toEqual({
          legalForm,
          isPublicBody,
          vatRegistered: defaultVatRegistered(legalForm, isPublicBody),
        });
      }
    }
  });

  it('keeps what the organisation says at sign-up, and its admin changes it afterwards (audited)', async () => {
    const created = await organisation('association', { vatRegistered: true });
    expect(created.vatRegistered).toBe(true);
    const updated = await update.execute({
      actor: owner,
      organisationId: created.id,
      vatRegistered: false,
    });
    expect(updated.vatRegistered).toBe(false);
    expect((await directory.billingIdentity(created.id))?.vatRegistered).toBe(false);
    const [audit] = await db.query<{ before: unknown; after: unknown }[]>(
      `SELECT before, after FROM audit_log WHERE entity_id = $1 AND action = 'organisation.updated'`,
      [created.id],
    );
    expect(audit).toEqual({ before: { vatRegistered: true }, after: { vatRegistered: false } });
  });

  it('gives a public body a Chorus structure that is by default itself, with nothing required', async () => {
    const created = await organisation('other', { actor: chambreAdmin, isPublicBody: true });
    expect(created.vatRegistered).toBe(false);
    expect(created.chorusStructure).toEqual({
      structureSiret: created.siret,
      serviceCodeRequired: false,
      engagementNumberRequired: false,
      defaultServiceCode: null,
    });
    const plain = await organisation('scop');
    expect(plain.chorusStructure).toBeNull();
    expect((await directory.billingIdentity(plain.id))?.chorusStructure).toBeNull();
  });

  it('lets the public body’s admin name another structure and what it requires', async () => {
    const created = await organisation('other', { actor: chambreAdmin, isPublicBody: true });
    await db.query(
      `INSERT INTO organisation_members (organisation_id, user_id, role) VALUES ($1, $2, 'org_admin')`,
      [created.id, owner.userId],
    );
    const structure = validSiret();
    const updated = await update.execute({
      actor: owner,
      organisationId: created.id,
      chorusStructure: {
        structureSiret: `${structure.slice(0, 3)} ${structure.slice(3)}`,
        engagementNumberRequired: true,
        serviceCodeRequired: true,
        defaultServiceCode: ' DSI-FORMATION ',
      },
    });
    expect(updated.chorusStructure).toEqual({
      structureSiret: structure,
      serviceCodeRequired: true,
      engagementNumberRequired: true,
      defaultServiceCode: 'DSI-FORMATION',
    });
    expect(await directory.chorusStructure(created.id)).toEqual(updated.chorusStructure);
    // Its own SIRET again: stored as "itself", so it follows a corrected SIRET.
    const back = await update.execute({
      actor: owner,
      organisationId: created.id,
      chorusStructure: { structureSiret: created.siret },
    });
    expect(back.chorusStructure?.structureSiret).toBe(created.siret);
    const [row] = await db.query<{ chorus_structure_siret: string | null }[]>(
      `SELECT chorus_structure_siret FROM organisations WHERE id = $1`,
      [created.id],
    );
    expect(row.chorus_structure_siret).toBeNull();
  });

  it('refuses a structure SIRET that fails its check digit, and changes nothing', async () => {
    const created = await organisation('other', { actor: chambreAdmin, isPublicBody: true });
    await expect(
      update.execute({
        actor: chambreAdmin,
        organisationId: created.id,
        chorusStructure: { structureSiret: badSiret(), engagementNumberRequired: true },
      }),
    ).rejects.toMatchObject({
      code: 'invalid_organisation',
      fields: [{ field: 'chorusStructure.structureSiret', message: expect.any(String) }],
    });
    expect(await directory.chorusStructure(created.id)).toMatchObject({
      structureSiret: created.siret,
      engagementNumberRequired: false,
    });
  });

  it('refuses a default service code Chorus Pro would not take (too long, control characters)', async () => {
    const created = await organisation('other', { actor: chambreAdmin, isPublicBody: true });
    for (const defaultServiceCode of ['x'.repeat(101), 'SERV\u0007']) {
      await expect(
        update.execute({
          actor: chambreAdmin,
          organisationId: created.id,
          chorusStructure: { defaultServiceCode },
        }),
      ).rejects.toMatchObject({
        code: 'invalid_organisation',
        fields: [{ field: 'chorusStructure.defaultServiceCode', message: expect.any(String) }],
      });
    }
  });

  it('refuses a Chorus structure on an organisation that is not a public body', async () => {
    const plain = await organisation('scop');
    await expect(
      update.execute({
        actor: owner,
        organisationId: plain.id,
        chorusStructure: { engagementNumberRequired: true },
      }),
    ).rejects.toMatchObject({
      code: 'invalid_organisation',
      fields: [
        { field: 'chorusStructure', message: 'only a public body has a Chorus Pro structure' },
      ],
    });
    await expect(
      organisation('scop', { chorusStructure: { serviceCodeRequired: true } }),
    ).rejects.toMatchObject({ code: 'invalid_organisation' });
  });

  it('drops the structure when the Chambre says the organisation is no longer a public body', async () => {
    const created = await organisation('other', {
      actor: chambreAdmin,
      isPublicBody: true,
      chorusStructure: { engagementNumberRequired: true, defaultServiceCode: 'SERV' },
    });
    expect(created.chorusStructure?.engagementNumberRequired).toBe(true);
    const updated = await update.execute({
      actor: chambreAdmin,
      organisationId: created.id,
      isPublicBody: false,
    });
    expect(updated.chorusStructure).toBeNull();
  });

  it('holds the rules in the database too: no structure on a non-public body, valid SIRET, printable codes, vat_registered not null', async () => {
    const plain = await organisation('scop');
    const refused = (sql: string) =>
      expect(db.query(sql, [plain.id])).rejects.toThrow(/violates (check|not-null) constraint/);
    await refused(
      `UPDATE organisations SET chorus_engagement_number_required = true WHERE id = $1`,
    );
    await refused(`UPDATE organisations SET chorus_default_service_code = 'X' WHERE id = $1`);
    await refused(`UPDATE organisations SET vat_registered = NULL WHERE id = $1`);
    await db.query(`UPDATE organisations SET is_public_body = true WHERE id = $1`, [plain.id]);
    await refused(
      `UPDATE organisations SET chorus_structure_siret = '12345678901234' WHERE id = $1`,
    );
    await refused(`UPDATE organisations SET chorus_default_service_code = ' X' WHERE id = $1`);
    await refused(`UPDATE organisations SET chorus_default_service_code = E'X\\n' WHERE id = $1`);
    await refused(
      `UPDATE organisations SET chorus_default_service_code = repeat('x', 101) WHERE id = $1`,
    );
  });
});
