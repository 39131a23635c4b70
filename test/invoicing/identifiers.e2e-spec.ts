import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { configureChambre, validSiret, vatNumberOf } from '@mutualis/testing';
import {
  grantPlatformRoles,
  organisationBody,
  registerAndLogIn,
  TestUser,
} from '../support/api-client';
import { expectFields, expectProblem } from '../support/expectations';
import { createTestApp } from '../support/test-app';

const bearer = { type: 'bearer' } as const;
/** The Chambre's identifiers configureChambre writes: valid, so a PUT of them changes nothing. */
const CHAMBRE = { siret: '78111222200018', vatNumber: 'FR08781112222' };

// Issue 18 §4: the identifiers printed on every invoice are checked where they are typed, and
// held by the database: the Chambre's SIRET and SIREN (Luhn), its intra-EU VAT number (key
// (12 + 3 × (SIREN mod 97)) mod 97, of its own SIREN), and the buyers' VAT numbers when given.
describe('SIRET, SIREN and intra-EU VAT numbers', () => {
  let app: NestExpressApplication;
  let db: DataSource;
  let admin: TestUser;
  let member: TestUser;
  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createTestApp();
    db = app.get(DataSource);
    await configureChambre(db);
    [admin, member] = await Promise.all([
      registerAndLogIn(app, 'identifiers-admin'),
      registerAndLogIn(app, 'identifiers-member'),
    ]);
    await grantPlatformRoles(app, admin, ['admin']);
  });

  afterAll(async () => {
    await app.close();
  });

  describe('the Chambre’s (PUT /api/chambre)', () => {
    const putChambre = (body: Record<string, unknown>) =>
      api().put('/api/chambre').auth(admin.accessToken, bearer).send(body);

    it.each([
      ['a SIRET whose check digit is wrong', { siret: '78111222200019' }, /Luhn/],
      [
        'a SIRET whose SIREN’s check digit is wrong (the 14 digits pass)',
        { siret: '78111222000012', vatNumber: 'FR02781112220' },
        /SIREN 781112220.*Luhn/,
      ],
    ])('refuses %s, on the field siret', async (_what, body, message) => {
      const response = await putChambre(body);
      expectProblem(response, 400, 'invalid_chambre_settings');
      expectFields(response, ['siret']);
      expect(response.body.errors[0].message).toMatch(message);
    });

    it.each([
      ['a wrong key', 'FR00781112222', /wrong key.*FR08781112222/],
      ['another company’s number', 'FR27552032534', /not the VAT number of SIREN 781112222/],
      ['the made-up number of the first migration', 'FR00000000000', /FR08781112222/],
      ['a foreign number', 'DE123456789', /must be a French VAT number/],
    ])(
      'refuses a VAT number with %s, on the field vatNumber',
      async (_what, vatNumber, message) => {
        const response = await putChambre({ vatNumber });
        expectProblem(response, 400, 'invalid_chambre_settings');
        expectFields(response, ['vatNumber']);
        expect(response.body.errors[0].message).toMatch(message);
      },
    );

    it('requires a VAT number unless the Chambre is under the franchise', async () => {
      const response = await putChambre({ vatNumber: null });
      expectProblem(response, 400, 'invalid_chambre_settings');
      expectFields(response, ['vatNumber']);
    });

    it('accepts a valid SIRET and the VAT number of its SIREN (here, the ones it has)', async () => {
      const response = await putChambre(CHAMBRE).expect(200);
      expect(response.body).toMatchObject({ ...CHAMBRE, configured: true });
    });

    it('is held by the database for a reviewed Chambre, whatever the application does', async () => {
      for (const change of [
        `vat_number = 'FR00000000000'`,
        `siret = '78111222000012', vat_number = 'FR02781112220'`,
      ]) {
        await expect(
          db.query(`UPDATE chambres SET ${change} WHERE slug = 'default'`),
        ).rejects.toMatchObject({
          code: '23514',
          constraint: 'chambres_identifiers_valid_when_configured',
        });
      }
    });
  });

  describe('an organisation’s, when it gives one', () => {
    const create = (body: Record<string, unknown>) =>
      api().post('/api/organisations').auth(member.accessToken, bearer).send(body);

    it('is stored when it is the VAT number of the SIRET’s SIREN, however it is typed', async () => {
      const siret = validSiret();
      const expected = vatNumberOf(siret);
      const typed = `${expected.slice(0, 4).toLowerCase()} ${expected.slice(4, 7)} ${expected.slice(7)}`;
      const response = await create(organisationBody({ siret, vatNumber: typed })).expect(201);
      expect(response.body.vatNumber).toBe(expected);
    });

    it.each([
      ['a wrong key', (siret: string) => `FR${wrongKey(siret)}${siret.slice(0, 9)}`, /wrong key/],
      ['another company’s SIREN', () => 'FR27552032534', /not the VAT number of SIREN/],
      ['a foreign number', () => 'BE0123456749', /must be a French VAT number/],
    ])('is refused with %s, on the field vatNumber', async (_what, vatNumberFor, message) => {
      const siret = validSiret();
      const response = await create(organisationBody({ siret, vatNumber: vatNumberFor(siret) }));
      expectProblem(response, 400, 'invalid_organisation');
      expectFields(response, ['vatNumber']);
      expect(response.body.errors[0].message).toMatch(message);
    });

    it('is checked again when it, or the SIRET it belongs to, changes', async () => {
      const siret = validSiret();
      const created = await create(
        organisationBody({ siret, vatNumber: vatNumberOf(siret) }),
      ).expect(201);
      const patch = (user: TestUser, body: Record<string, unknown>) =>
        api()
          .patch(`/api/organisations/${created.body.id as string}`)
          .auth(user.accessToken, bearer)
          .send(body);

      const wrong = await patch(member, { vatNumber: `FR${wrongKey(siret)}${siret.slice(0, 9)}` });
      expectProblem(wrong, 400, 'invalid_organisation');
      expectFields(wrong, ['vatNumber']);
      // The Chambre corrects the SIRET to another legal unit's: the old VAT number no longer fits.
      const moved = await patch(admin, { siret: validSiret() });
      expectProblem(moved, 400, 'invalid_organisation');
      expectFields(moved, ['vatNumber']);
      const other = validSiret();
      await patch(admin, { siret: other, vatNumber: vatNumberOf(other) }).expect(200);
      await patch(member, { vatNumber: null }).expect(200);
    });

    it('is held by the database too', async () => {
      const siret = validSiret();
      const created = await create(organisationBody({ siret })).expect(201);
      await expect(
        db.query(`UPDATE organisations SET vat_number = $2 WHERE id = $1`, [
          created.body.id,
          `FR${wrongKey(siret)}${siret.slice(0, 9)}`,
        ]),
      ).rejects.toMatchObject({ code: '23514', constraint: 'organisations_vat_number_of_siren' });
    });
  });
});

/** A two-digit key that is not the SIREN's. */
function wrongKey(siret: string): string {
  const right = Number(vatNumberOf(siret).slice(2, 4));
  return String((right + 1) % 97).padStart(2, '0');
}
