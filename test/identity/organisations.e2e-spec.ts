import { randomBytes, randomUUID } from 'node:crypto';
import { NestExpressApplication } from '@nestjs/platform-express';
import request, { Response } from 'supertest';
import { uniqueEmail, laPosteSiret, validSiret, vatNumberOf } from '@mutualis/testing';
import { luhnSum } from '@mutualis/identity';
import {
  createOrganisation,
  logIn,
  grantPlatformRoles,
  organisationBody,
  registerAndLogIn,
  TEST_PASSWORD,
  TestUser,
} from '../support/api-client';
import { expectFields, expectProblem, fieldsOf } from '../support/expectations';
import { createTestApp, sql } from '../support/test-app';

const bearer = { type: 'bearer' } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The membership year the api shows: the calendar year in Paris. */
const currentYear = Number(
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric' }).format(
    new Date(),
  ),
);

/** The same SIRET with its check digit off by one: the Luhn sum is then never a multiple of 10. */
function withWrongCheckDigit(siret: string): string {
  return `${siret.slice(0, 13)}${(Number(siret[13]) + 1) % 10}`;
}

/** "123 456 789 00012", as people type it. */
function spaced(siret: string): string {
  return `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}`;
}

describe('organisations', () => {
  let app: NestExpressApplication;
  let admin: TestUser;
  let finance: TestUser;

  const api = () => request(app.getHttpServer());

  async function countOrganisationsWithSiret(siret: string): Promise<number> {
    const rows = await sql<{ n: number }[]>(
      app,
      'SELECT count(*)::int AS n FROM organisations WHERE siret = $1',
      [siret],
    );
    return rows[0].n;
  }

  async function organisationIdsOf(user: TestUser): Promise<string[]> {
    const me = await api().get('/api/me').auth(user.accessToken, bearer).expect(200);
    return (me.body.organisations as { id: string }[]).map((organisation) => organisation.id);
  }

  async function readOrganisation(user: TestUser, organisationId: string) {
    const response = await api()
      .get(`/api/organisations/${organisationId}`)
      .auth(user.accessToken, bearer)
      .expect(200);
    return response.body as Record<string, unknown>;
  }

  async function grant(user: TestUser, roles: string[]): Promise<void> {
    await grantPlatformRoles(app, user, roles);
  }

  /** The user joins the organisation through an invitation from one of its admins. */
  async function addMember(
    organisationId: string,
    inviter: TestUser,
    user: TestUser,
    role: 'org_admin' | 'org_member' = 'org_member',
  ): Promise<void> {
    const invitation = await api()
      .post(`/api/organisations/${organisationId}/invitations`)
      .auth(inviter.accessToken, bearer)
      .send({ email: user.email, role })
      .expect(201);
    await api()
      .post(`/api/invitations/${invitation.body.token}/accept`)
      .auth(user.accessToken, bearer)
      .expect(200);
  }

  async function registerWithEmail(email: string, name: string): Promise<TestUser> {
    await api()
      .post('/api/auth/register')
      .send({ email, password: TEST_PASSWORD, name })
      .expect(202);
    const tokens = await logIn(app, email);
    const me = await api().get('/api/me').auth(tokens.accessToken, { type: 'bearer' }).expect(200);
    await sql(app, `UPDATE users SET email_verified_at = now() WHERE id = $1`, [me.body.id]);
    return { id: me.body.id as string, email, ...tokens };
  }

  beforeAll(async () => {
    app = await createTestApp();
    [admin, finance] = await Promise.all([
      registerAndLogIn(app, 'chambre-admin'),
      registerAndLogIn(app, 'chambre-finance'),
    ]);
    await grant(admin, ['admin']);
    await grant(finance, ['finance']);
  });

  afterAll(async () => {
    await app.close();
  });

  describe('creating an organisation', () => {
    let creator: TestUser;
    const create = (body: Record<string, unknown>, user: TestUser = creator) =>
      api().post('/api/organisations').auth(user.accessToken, bearer).send(body);

    beforeAll(async () => {
      creator = await registerAndLogIn(app, 'creator');
    });

    it('answers 201 with the organisation, its département derived from the postal code and a pending membership of the year', async () => {
      const siret = validSiret();
      const body = organisationBody({
        siret,
        address: {
          line1: '1 place Bargemon',
          line2: 'Bâtiment B',
          postalCode: '13002',
          city: 'Marseille',
        },
        vatNumber: vatNumberOf(siret),
      });
      const response = await create(body).expect(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(UUID),
        legalName: body.legalName,
        legalForm: 'association',
        siret: body.siret,
        rna: body.rna,
        address: {
          line1: '1 place Bargemon',
          line2: 'Bâtiment B',
          postalCode: '13002',
          city: 'Marseille',
          country: 'FR',
        },
        department: '13',
        billingEmail: body.billingEmail,
        vatNumber: vatNumberOf(siret),
        isPublicBody: false,
        // An association: not liable to VAT unless it says so.
        vatRegistered: false,
        chorusStructure: null,
        membership: { year: currentYear, status: 'pending' },
        createdAt: expect.any(String),
      });
      expect(Date.parse(response.body.createdAt)).not.toBeNaN();
      // What was created is what is read back.
      expect(await readOrganisation(creator, response.body.id)).toEqual(response.body);
    });

    it('makes the creator its org_admin, as GET /api/me shows', async () => {
      const body = organisationBody();
      const created = await create(body).expect(201);
      const me = await api().get('/api/me').auth(creator.accessToken, bearer).expect(200);
      expect(me.body.organisations).toContainEqual({
        id: created.body.id,
        legalName: body.legalName,
        role: 'org_admin',
        membership: { year: currentYear, status: 'pending' },
      });
    });

    it.each([
      ['20000', 'Ajaccio', '2A'],
      ['20200', 'Bastia', '2B'],
      ['97400', 'Saint-Denis', '974'],
    ])(
      'derives the département of postal code %s (%s) as %s',
      async (postalCode, city, expected) => {
        const response = await create(
          organisationBody({ address: { line1: '2 cours Napoléon', postalCode, city } }),
        ).expect(201);
        expect(response.body.department).toBe(expected);
      },
    );

    it('accepts a SIRET typed with spaces and stores its 14 digits', async () => {
      const siret = validSiret();
      const response = await create(organisationBody({ siret: spaced(siret) })).expect(201);
      expect(response.body.siret).toBe(siret);
      const rows = await sql<{ siret: string }[]>(
        app,
        'SELECT siret FROM organisations WHERE id = $1',
        [response.body.id],
      );
      expect(rows).toEqual([{ siret }]);
    });

    it('refuses a SIRET with a wrong check digit with 400 naming siret, and creates nothing', async () => {
      const siret = withWrongCheckDigit(validSiret());
      const response = await create(organisationBody({ siret }));
      expectProblem(response, 400);
      expect(fieldsOf(response)).toContain('siret');
      expect(await countOrganisationsWithSiret(siret)).toBe(0);
    });

    it('accepts a La Poste SIRET that fails Luhn but whose digit sum is a multiple of 5', async () => {
      const siret = laPosteSiret();
      expect(luhnSum(siret) % 10).not.toBe(0);
      const response = await create(organisationBody({ legalForm: 'other', rna: null, siret }));
      expect({ status: response.status, body: response.body }).toMatchObject({
        status: 201,
        body: { siret },
      });
    });

    it('refuses a La Poste SIRET whose digit sum is not a multiple of 5 (35600000049838)', async () => {
      const response = await create(
        organisationBody({ legalForm: 'other', rna: null, siret: '35600000049838' }),
      );
      expectProblem(response, 400);
      expectFields(response, ['siret']);
      expect(await countOrganisationsWithSiret('35600000049838')).toBe(0);
    });

    it('refuses a second organisation with the same SIRET with 409 siret_taken, however it is typed', async () => {
      const siret = validSiret();
      await create(organisationBody({ siret })).expect(201);
      const again = await create(organisationBody({ siret }));
      expectProblem(again, 409, 'siret_taken');
      const spacedAgain = await create(organisationBody({ siret: spaced(siret) }));
      expectProblem(spacedAgain, 409, 'siret_taken');
      expect(await countOrganisationsWithSiret(siret)).toBe(1);
    });

    it('refuses an association without RNA number with 400 naming rna', async () => {
      const body = organisationBody({ rna: undefined });
      expect(body.rna).toBeUndefined();
      const omitted = await create(body);
      expectProblem(omitted, 400);
      expectFields(omitted, ['rna']);
      const explicitNull = await create(organisationBody({ siret: body.siret, rna: null }));
      expectProblem(explicitNull, 400);
      expectFields(explicitNull, ['rna']);
      expect(await countOrganisationsWithSiret(body.siret as string)).toBe(0);
    });

    it('accepts an association of Alsace-Moselle (67000 Strasbourg) without RNA number', async () => {
      const response = await create(
        organisationBody({
          rna: undefined,
          address: { line1: '1 place de la Cathédrale', postalCode: '67000', city: 'Strasbourg' },
        }),
      );
      expect({ status: response.status, body: response.body }).toMatchObject({
        status: 201,
        body: { rna: null, department: '67' },
      });
    });

    it('refuses an RNA number on a scop with 400 naming rna', async () => {
      const body = organisationBody({ legalForm: 'scop', rna: 'W133012345' });
      const response = await create(body);
      expectProblem(response, 400);
      expectFields(response, ['rna']);
      expect(await countOrganisationsWithSiret(body.siret as string)).toBe(0);
    });

    it('accepts a small association with its RNA number and no SIRET, once per RNA number (409 rna_taken)', async () => {
      const body = organisationBody({ siret: undefined });
      const response = await create(body).expect(201);
      expect(response.body).toMatchObject({ siret: null, rna: body.rna, legalForm: 'association' });
      // The Chambre finds it by its RNA number, as others by their SIRET.
      const found = await api()
        .get(`/api/organisations?q=${(body.rna as string).toLowerCase()}`)
        .auth(admin.accessToken, bearer)
        .expect(200);
      expect(found.body.items.map((item: { id: string }) => item.id)).toEqual([response.body.id]);
      // An empty SIRET field (as a form sends it) is no SIRET.
      const again = await create(organisationBody({ siret: '', rna: body.rna }));
      expectProblem(again, 409, 'rna_taken');
      const [{ n }] = await sql<{ n: number }[]>(
        app,
        'SELECT count(*)::int AS n FROM organisations WHERE rna = $1',
        [body.rna],
      );
      expect(n).toBe(1);
    });

    it('refuses an organisation with neither SIRET nor RNA number with 400 naming siret', async () => {
      const response = await create(
        organisationBody({ legalForm: 'scop', siret: null, rna: null }),
      );
      expectProblem(response, 400);
      expectFields(response, ['siret']);
    });

    it('refuses a VAT number, or a public body, without a SIRET (400 naming the field)', async () => {
      const withVat = await create(organisationBody({ siret: null, vatNumber: 'FR44732829320' }));
      expectProblem(withVat, 400);
      expectFields(withVat, ['vatNumber']);
      const publicBody = await create(organisationBody({ siret: null, isPublicBody: true }), admin);
      expectProblem(publicBody, 400);
      expectFields(publicBody, ['siret']);
    });

    it('lets the Chambre remove the SIRET of an association that has its RNA number (PATCH siret null)', async () => {
      const created = await create(organisationBody()).expect(201);
      const patched = await api()
        .patch(`/api/organisations/${created.body.id}`)
        .auth(admin.accessToken, bearer)
        .send({ siret: null })
        .expect(200);
      expect(patched.body).toMatchObject({ siret: null, rna: created.body.rna });
      const withoutRna = await api()
        .patch(`/api/organisations/${created.body.id}`)
        .auth(admin.accessToken, bearer)
        .send({ rna: null });
      expectProblem(withoutRna, 400);
    });

    it.each(['W12345', 'X133012345', 'W1330123456', 'W13301234A'])(
      'refuses the malformed RNA number %s with 400 naming rna',
      async (rna) => {
        const body = organisationBody({ rna });
        const response = await create(body);
        expectProblem(response, 400);
        expectFields(response, ['rna']);
        expect(await countOrganisationsWithSiret(body.siret as string)).toBe(0);
      },
    );

    it('refuses a département that does not match the postal code with 400 naming department', async () => {
      const body = organisationBody({ department: '84' });
      const response = await create(body);
      expectProblem(response, 400);
      expectFields(response, ['department']);
      expect(await countOrganisationsWithSiret(body.siret as string)).toBe(0);
    });

    it('refuses an address outside France with 400', async () => {
      const body = organisationBody({
        address: {
          line1: 'Unter den Linden 1',
          postalCode: '10117',
          city: 'Berlin',
          country: 'DE',
        },
      });
      const response = await create(body);
      expectProblem(response, 400);
      expect(fieldsOf(response)).toContain('address.country');
      expect(await countOrganisationsWithSiret(body.siret as string)).toBe(0);
    });

    it('refuses isPublicBody from a normal user with 400 naming isPublicBody, and creates nothing', async () => {
      const body = organisationBody({ isPublicBody: true });
      const response = await create(body);
      expectProblem(response, 400);
      expectFields(response, ['isPublicBody']);
      expect(await countOrganisationsWithSiret(body.siret as string)).toBe(0);
    });

    it('lets a Chambre admin register a public body', async () => {
      const response = await create(
        organisationBody({ legalForm: 'other', rna: null, isPublicBody: true }),
        admin,
      );
      expect({ status: response.status, body: response.body }).toMatchObject({
        status: 201,
        body: { isPublicBody: true },
      });
    });
  });

  describe('access to an organisation', () => {
    let ownerA: TestUser;
    let memberA: TestUser;
    let ownerB: TestUser;
    let organisationA: string;
    let organisationB: string;

    const patch = (user: TestUser, organisationId: string, body: Record<string, unknown>) =>
      api().patch(`/api/organisations/${organisationId}`).auth(user.accessToken, bearer).send(body);

    beforeAll(async () => {
      [ownerA, memberA, ownerB] = await Promise.all([
        registerAndLogIn(app, 'owner-a'),
        registerAndLogIn(app, 'member-a'),
        registerAndLogIn(app, 'owner-b'),
      ]);
      [organisationA, organisationB] = await Promise.all([
        createOrganisation(app, ownerA),
        createOrganisation(app, ownerB),
      ]);
      await addMember(organisationA, ownerA, memberA);
    });

    it('answers 404, not 403, when a member reads another organisation, and shows none of its data', async () => {
      const b = await readOrganisation(ownerB, organisationB);
      for (const reader of [ownerA, memberA]) {
        const response = await api()
          .get(`/api/organisations/${organisationB}`)
          .auth(reader.accessToken, bearer);
        expectProblem(response, 404, 'organisation_not_found');
        expect(response.text).not.toContain(b.legalName as string);
        expect(response.text).not.toContain(b.siret as string);
      }
      // Indistinguishable from an id that does not exist.
      const unknown = await api()
        .get(`/api/organisations/${randomUUID()}`)
        .auth(ownerA.accessToken, bearer);
      expectProblem(unknown, 404, 'organisation_not_found');
    });

    it('answers 404 to a PATCH on another organisation and changes nothing', async () => {
      const before = await readOrganisation(ownerB, organisationB);
      const response = await patch(ownerA, organisationB, { legalName: 'Détournée' });
      expectProblem(response, 404, 'organisation_not_found');
      expect(await readOrganisation(ownerB, organisationB)).toEqual(before);
    });

    it('answers 401 problem+json to a read without a token', async () => {
      const response = await api().get(`/api/organisations/${organisationA}`);
      expectProblem(response, 401, 'unauthenticated');
    });

    it('refuses an org_member editing their own organisation with 403, and changes nothing', async () => {
      const before = await readOrganisation(ownerA, organisationA);
      const response = await patch(memberA, organisationA, { legalName: 'Renommée par un membre' });
      expectProblem(response, 403, 'not_organisation_admin');
      expect(await readOrganisation(ownerA, organisationA)).toEqual(before);
    });

    it('lets an org_admin change the legal name and postal code, re-deriving the département', async () => {
      const before = await readOrganisation(ownerA, organisationA);
      const response = await patch(ownerA, organisationA, {
        legalName: '  Les Jardins d’Avignon  ',
        address: { postalCode: '84000', city: 'Avignon' },
      });
      expect({ status: response.status, body: response.body }).toMatchObject({
        status: 200,
        body: {
          legalName: 'Les Jardins d’Avignon',
          department: '84',
          address: {
            line1: (before.address as { line1: string }).line1,
            postalCode: '84000',
            city: 'Avignon',
          },
          siret: before.siret,
        },
      });
      expect(await readOrganisation(ownerA, organisationA)).toEqual(response.body);
    });

    it.each([
      ['siret', () => validSiret()],
      ['legalForm', () => 'scic'],
      ['isPublicBody', () => true],
    ])(
      'refuses an org_admin changing %s with 403 naming the field, and changes nothing',
      async (field, value) => {
        const before = await readOrganisation(ownerA, organisationA);
        const response = await patch(ownerA, organisationA, { [field]: value() });
        expectProblem(response, 403, 'not_organisation_admin');
        expectFields(response, [field]);
        expect(await readOrganisation(ownerA, organisationA)).toEqual(before);
      },
    );

    it('lets a Chambre admin read and edit any organisation, fields reserved to the Chambre included', async () => {
      const read = await readOrganisation(admin, organisationB);
      expect(read.id).toBe(organisationB);
      const siret = validSiret();
      const response = await patch(admin, organisationB, {
        legalName: 'Renommée par la Chambre',
        siret,
        isPublicBody: true,
      });
      expect({ status: response.status, body: response.body }).toMatchObject({
        status: 200,
        body: { legalName: 'Renommée par la Chambre', siret, isPublicBody: true },
      });
      expect(await readOrganisation(ownerB, organisationB)).toEqual(response.body);
    });

    it('lets finance read any organisation but not edit it', async () => {
      const before = await readOrganisation(ownerB, organisationB);
      expect(await readOrganisation(finance, organisationB)).toEqual(before);
      const response = await patch(finance, organisationB, { legalName: 'Renommée par la compta' });
      expectProblem(response, 403);
      expect(await readOrganisation(ownerB, organisationB)).toEqual(before);
    });
  });

  describe('listing organisations (Chambre staff)', () => {
    let owner: TestUser;
    const tag = `liste-${randomBytes(4).toString('hex')}`;
    const created: { id: string; legalName: string }[] = [];

    const list = (user: TestUser, query: Record<string, string | number>) =>
      api().get('/api/organisations').query(query).auth(user.accessToken, bearer);

    beforeAll(async () => {
      owner = await registerAndLogIn(app, 'list-owner');
      for (const index of [1, 2, 3]) {
        const legalName = `Coopérative ${tag} numéro ${index}`;
        created.push({ id: await createOrganisation(app, owner, { legalName }), legalName });
      }
    });

    it('is refused to a member with 403', async () => {
      const response = await list(owner, {});
      expectProblem(response, 403, 'forbidden');
    });

    it('pages with limit and cursor, following nextCursor to the end without duplicates', async () => {
      const first = await list(admin, { q: tag, limit: 2 }).expect(200);
      expect(first.body.items).toHaveLength(2);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await list(finance, {
        q: tag,
        limit: 2,
        cursor: first.body.nextCursor,
      }).expect(200);
      expect(second.body).toEqual({ items: [expect.any(Object)], nextCursor: null });
      const ids = [...first.body.items, ...second.body.items].map(
        (item: { id: string }) => item.id,
      );
      expect(new Set(ids).size).toBe(3);
      expect([...ids].sort()).toEqual(created.map((organisation) => organisation.id).sort());
      // Items have the organisation's shape, with the membership of the year.
      expect(first.body.items[0]).toMatchObject({
        legalName: expect.stringContaining(tag),
        department: '13',
        membership: { year: currentYear, status: 'pending' },
      });
    });

    it('walks every organisation page by page, each once', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const response: Response = await list(admin, {
          limit: 2,
          ...(cursor ? { cursor } : {}),
        }).expect(200);
        expect(response.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...response.body.items.map((item: { id: string }) => item.id));
        cursor = response.body.nextCursor;
        pages++;
      } while (cursor !== null && pages < 500);
      expect(cursor).toBeNull();
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(expect.arrayContaining(created.map((organisation) => organisation.id)));
    });

    it('filters by name with q, whatever the letter case', async () => {
      const response = await list(admin, { q: `${tag} NUMÉRO 2`.toUpperCase() }).expect(200);
      expect(response.body.items.map((item: { id: string }) => item.id)).toEqual([created[1].id]);
      const none = await list(admin, { q: `${tag}-nothing` }).expect(200);
      expect(none.body).toEqual({ items: [], nextCursor: null });
    });

    it.each([0, 101])('refuses limit=%s with 400 naming limit', async (limit) => {
      const response = await list(admin, { limit });
      expectProblem(response, 400, 'validation_failed');
      expectFields(response, ['limit']);
    });

    it.each([
      ['garbage', 'not-a-cursor'],
      [
        'a well-encoded cursor with a bad id',
        Buffer.from(JSON.stringify(['2024-01-01T00:00:00.000Z', 'not-a-uuid'])).toString(
          'base64url',
        ),
      ],
    ])('refuses a forged cursor (%s) with 400 invalid_cursor', async (_label, cursor) => {
      const response = await list(admin, { cursor });
      expectProblem(response, 400, 'invalid_cursor');
      expectFields(response, ['cursor']);
    });
  });

  describe('invitations', () => {
    let owner: TestUser;
    let member: TestUser;
    let stranger: TestUser;
    let other: TestUser;
    let organisationId: string;
    let organisationName: string;

    const invite = (user: TestUser, email: string, role?: string, id = organisationId) =>
      api()
        .post(`/api/organisations/${id}/invitations`)
        .auth(user.accessToken, bearer)
        .send(role ? { email, role } : { email });
    const accept = (user: TestUser, token: string) =>
      api().post(`/api/invitations/${token}/accept`).auth(user.accessToken, bearer);
    const preview = (token: string) => api().get(`/api/invitations/${token}`);

    async function membersOf(id: string): Promise<{ userId: string; role: string }[]> {
      const response = await api()
        .get(`/api/organisations/${id}/members`)
        .auth(owner.accessToken, bearer)
        .expect(200);
      return response.body;
    }

    beforeAll(async () => {
      [owner, member, stranger, other] = await Promise.all([
        registerAndLogIn(app, 'inviting-owner'),
        registerAndLogIn(app, 'invited-member'),
        registerAndLogIn(app, 'stranger'),
        registerAndLogIn(app, 'other'),
      ]);
      organisationName = `Mutuelle invitante ${randomBytes(3).toString('hex')}`;
      organisationId = await createOrganisation(app, owner, {
        legalName: organisationName,
        legalForm: 'mutuelle',
        rna: null,
      });
      await addMember(organisationId, owner, member);
    });

    it('lets an org_admin invite an address: 201 with token, link, expiry and the org_member role by default', async () => {
      const email = uniqueEmail('invitee');
      const before = Date.now();
      const response = await invite(owner, email);
      expect({ status: response.status, body: response.body }).toMatchObject({ status: 201 });
      expect(response.body).toEqual({
        id: expect.stringMatching(UUID),
        organisationId,
        email,
        role: 'org_member',
        expiresAt: expect.any(String),
        acceptUrl: expect.any(String),
        token: expect.stringMatching(/^[A-Za-z0-9_-]{20,}$/),
      });
      expect(response.body.acceptUrl).toContain(response.body.token);
      expect(Date.parse(response.body.expiresAt)).toBeGreaterThan(before + 3_600_000);
    });

    it('previews an invitation to anyone holding the link: organisation name and e-mail', async () => {
      const email = uniqueEmail('preview');
      const issued = await invite(owner, email, 'org_admin').expect(201);
      const response = await preview(issued.body.token).expect(200);
      expect(response.body).toEqual({
        organisationId,
        organisationName,
        email,
        role: 'org_admin',
        expiresAt: issued.body.expiresAt,
      });
      const unknown = await preview(randomBytes(32).toString('base64url'));
      expectProblem(unknown, 404, 'invitation_not_found');
    });

    it('refuses another logged-in user with 403 invitation_for_another_email, who does not join', async () => {
      const issued = await invite(owner, uniqueEmail('someone-else')).expect(201);
      const response = await accept(stranger, issued.body.token);
      expectProblem(response, 403, 'invitation_for_another_email');
      expect(await organisationIdsOf(stranger)).not.toContain(organisationId);
      expect((await membersOf(organisationId)).map((m) => m.userId)).not.toContain(stranger.id);
      // The invitation is still there for its addressee.
      await preview(issued.body.token).expect(200);
    });

    it('lets the invited person accept whatever the letter case of the address, as org_member', async () => {
      const email = uniqueEmail('case');
      const invitedAs = email.replace(/^./, (c) => c.toUpperCase()).replace('@test', '@TEST');
      expect(invitedAs).not.toBe(email);
      const issued = await invite(owner, invitedAs).expect(201);
      const invitee = await registerWithEmail(email, 'Dominique Invitée');
      const response = await accept(invitee, issued.body.token);
      expect({ status: response.status, body: response.body }).toEqual({
        status: 200,
        body: { organisationId, role: 'org_member' },
      });
      const me = await api().get('/api/me').auth(invitee.accessToken, bearer).expect(200);
      expect(me.body.organisations).toEqual([
        {
          id: organisationId,
          legalName: organisationName,
          role: 'org_member',
          membership: { year: currentYear, status: 'pending' },
        },
      ]);
    });

    it('answers 404 to a second acceptance of the same invitation', async () => {
      const secondOrganisation = await createOrganisation(app, owner, {
        legalForm: 'scic',
        rna: null,
      });
      const issued = await invite(owner, stranger.email, undefined, secondOrganisation).expect(201);
      await accept(stranger, issued.body.token).expect(200);
      const again = await accept(stranger, issued.body.token);
      expectProblem(again, 404, 'invitation_not_found');
      expect(
        (await organisationIdsOf(stranger)).filter((id) => id === secondOrganisation),
      ).toHaveLength(1);
    });

    it('answers 422 invitation_expired to an expired invitation, and the addressee does not join', async () => {
      const issued = await invite(owner, other.email).expect(201);
      await sql(
        app,
        "UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1",
        [issued.body.id],
      );
      expectProblem(await preview(issued.body.token), 422, 'invitation_expired');
      expectProblem(await accept(other, issued.body.token), 422, 'invitation_expired');
      expect(await organisationIdsOf(other)).not.toContain(organisationId);
    });

    it('refuses an invitation from an org_member with 403, and issues none', async () => {
      const email = uniqueEmail('by-member');
      const response = await invite(member, email);
      expectProblem(response, 403, 'not_organisation_admin');
      const rows = await sql<{ n: number }[]>(
        app,
        'SELECT count(*)::int AS n FROM invitations WHERE lower(email) = lower($1)',
        [email],
      );
      expect(rows[0].n).toBe(0);
    });

    it('answers 404 to an outsider inviting to the organisation, and issues nothing', async () => {
      const email = uniqueEmail('by-outsider');
      const response = await invite(stranger, email);
      expectProblem(response, 404, 'organisation_not_found');
      const rows = await sql<{ n: number }[]>(
        app,
        'SELECT count(*)::int AS n FROM invitations WHERE lower(email) = lower($1)',
        [email],
      );
      expect(rows[0].n).toBe(0);
    });

    it('refuses to invite someone who already belongs to the organisation with 409', async () => {
      const response = await invite(owner, member.email.toUpperCase());
      expectProblem(response, 409, 'already_member');
      expectFields(response, ['email']);
    });

    it('replaces the open invitation of an address when it is invited again', async () => {
      const first = await invite(owner, other.email).expect(201);
      const second = await invite(owner, other.email, 'org_admin').expect(201);
      expect(second.body.token).not.toBe(first.body.token);
      expectProblem(await preview(first.body.token), 404, 'invitation_not_found');
      expectProblem(await accept(other, first.body.token), 404, 'invitation_not_found');
      expect(await organisationIdsOf(other)).not.toContain(organisationId);
      await preview(second.body.token).expect(200);
      const accepted = await accept(other, second.body.token);
      expect({ status: accepted.status, body: accepted.body }).toEqual({
        status: 200,
        body: { organisationId, role: 'org_admin' },
      });
    });
  });

  describe('members of an organisation', () => {
    let owner: TestUser;
    let colleague: TestUser;
    let leaver: TestUser;
    let outsider: TestUser;
    let organisationId: string;

    const rolesOf = async (): Promise<Record<string, string>> => {
      const response = await api()
        .get(`/api/organisations/${organisationId}/members`)
        .auth(admin.accessToken, bearer)
        .expect(200);
      return Object.fromEntries(
        (response.body as { userId: string; role: string }[]).map((m) => [m.userId, m.role]),
      );
    };
    const setRole = (user: TestUser, target: TestUser, role: string) =>
      api()
        .put(`/api/organisations/${organisationId}/members/${target.id}/role`)
        .auth(user.accessToken, bearer)
        .send({ role });
    const remove = (user: TestUser, target: TestUser) =>
      api()
        .delete(`/api/organisations/${organisationId}/members/${target.id}`)
        .auth(user.accessToken, bearer);

    beforeAll(async () => {
      [owner, colleague, leaver, outsider] = await Promise.all([
        registerAndLogIn(app, 'members-owner'),
        registerAndLogIn(app, 'members-colleague'),
        registerAndLogIn(app, 'members-leaver'),
        registerAndLogIn(app, 'members-outsider'),
      ]);
      organisationId = await createOrganisation(app, owner);
      await addMember(organisationId, owner, colleague);
      await addMember(organisationId, owner, leaver);
    });

    it('lists its people with name, e-mail and role, to any member', async () => {
      const response = await api()
        .get(`/api/organisations/${organisationId}/members`)
        .auth(colleague.accessToken, bearer)
        .expect(200);
      expect(response.body).toHaveLength(3);
      expect(response.body).toEqual(
        expect.arrayContaining([
          {
            userId: owner.id,
            name: 'Test members-owner',
            email: owner.email,
            role: 'org_admin',
            since: expect.any(String),
          },
          {
            userId: colleague.id,
            name: 'Test members-colleague',
            email: colleague.email,
            role: 'org_member',
            since: expect.any(String),
          },
          {
            userId: leaver.id,
            name: 'Test members-leaver',
            email: leaver.email,
            role: 'org_member',
            since: expect.any(String),
          },
        ]),
      );
      expect(JSON.stringify(response.body)).not.toMatch(/password|argon2/i);
      // Chambre staff read it too.
      await api()
        .get(`/api/organisations/${organisationId}/members`)
        .auth(finance.accessToken, bearer)
        .expect(200);
    });

    it('answers 404 to an outsider asking for the members, and lists no one', async () => {
      const response = await api()
        .get(`/api/organisations/${organisationId}/members`)
        .auth(outsider.accessToken, bearer);
      expectProblem(response, 404, 'organisation_not_found');
      expect(response.text).not.toContain(owner.email);
    });

    it('refuses to demote the last org_admin with 422 last_organisation_admin', async () => {
      const response = await setRole(owner, owner, 'org_member');
      expectProblem(response, 422, 'last_organisation_admin');
      expect((await rolesOf())[owner.id]).toBe('org_admin');
    });

    it('refuses to remove the last org_admin with 422 last_organisation_admin, even for a Chambre admin', async () => {
      expectProblem(await remove(owner, owner), 422, 'last_organisation_admin');
      expectProblem(await remove(admin, owner), 422, 'last_organisation_admin');
      expect((await rolesOf())[owner.id]).toBe('org_admin');
    });

    it('refuses an org_member removing someone else with 403', async () => {
      const response = await remove(leaver, colleague);
      expectProblem(response, 403, 'not_organisation_admin');
      expect((await rolesOf())[colleague.id]).toBe('org_member');
    });

    it('lets the first admin step down once another member is org_admin', async () => {
      await setRole(owner, colleague, 'org_admin').expect(204);
      await setRole(owner, owner, 'org_member').expect(204);
      const roles = await rolesOf();
      expect(roles[owner.id]).toBe('org_member');
      expect(roles[colleague.id]).toBe('org_admin');
    });

    it('lets a member leave, after which the organisation reads as 404 to them', async () => {
      await remove(leaver, leaver).expect(204);
      const response = await api()
        .get(`/api/organisations/${organisationId}`)
        .auth(leaver.accessToken, bearer);
      expectProblem(response, 404, 'organisation_not_found');
      expect(await organisationIdsOf(leaver)).not.toContain(organisationId);
      expect(Object.keys(await rolesOf())).not.toContain(leaver.id);
    });
  });

  describe('membership (adhésion) of an organisation', () => {
    let owner: TestUser;
    let outsider: TestUser;
    let organisationId: string;

    const put = (
      user: TestUser,
      year: number | string,
      body: Record<string, unknown>,
      id = organisationId,
    ) =>
      api()
        .put(`/api/organisations/${id}/memberships/${year}`)
        .auth(user.accessToken, bearer)
        .send(body);
    const rowsOfYear = (year: number) =>
      sql<{ status: string; fee_cents: string }[]>(
        app,
        'SELECT status, fee_cents FROM memberships WHERE organisation_id = $1 AND year = $2',
        [organisationId, year],
      );

    beforeAll(async () => {
      [owner, outsider] = await Promise.all([
        registerAndLogIn(app, 'membership-owner'),
        registerAndLogIn(app, 'membership-outsider'),
      ]);
      organisationId = await createOrganisation(app, owner);
    });

    it('lets a Chambre admin set the year’s membership, which the organisation then shows', async () => {
      const response = await put(admin, currentYear, { status: 'active', feeCents: 12000 });
      expect({ status: response.status, body: response.body }).toEqual({
        status: 200,
        body: {
          organisationId,
          year: currentYear,
          status: 'active',
          feeCents: 12000,
          currency: 'EUR',
          updatedAt: expect.any(String),
        },
      });
      const organisation = await readOrganisation(owner, organisationId);
      expect(organisation.membership).toEqual({ year: currentYear, status: 'active' });
    });

    it('replaces the membership of a year when set again: one row per year', async () => {
      await put(admin, currentYear, { status: 'active', feeCents: 12000 }).expect(200);
      const response = await put(admin, currentYear, { status: 'lapsed', feeCents: 15000 }).expect(
        200,
      );
      expect(response.body).toMatchObject({ year: currentYear, status: 'lapsed', feeCents: 15000 });
      expect(await rowsOfYear(currentYear)).toEqual([{ status: 'lapsed', fee_cents: '15000' }]);
      expect((await readOrganisation(owner, organisationId)).membership).toEqual({
        year: currentYear,
        status: 'lapsed',
      });
    });

    it('refuses the organisation’s own org_admin, and finance, with 403, and changes nothing', async () => {
      const before = await rowsOfYear(currentYear);
      for (const user of [owner, finance]) {
        const response = await put(user, currentYear, { status: 'active', feeCents: 0 });
        expectProblem(response, 403, 'forbidden');
      }
      expect(await rowsOfYear(currentYear)).toEqual(before);
    });

    it.each([
      ['an unknown status', currentYear, { status: 'expired', feeCents: 12000 }, 'status'],
      ['a negative fee', currentYear, { status: 'active', feeCents: -1 }, 'feeCents'],
      [
        'a fee in fractions of a cent',
        currentYear,
        { status: 'active', feeCents: 12.5 },
        'feeCents',
      ],
      ['a fee given as a string', currentYear, { status: 'active', feeCents: '12000' }, 'feeCents'],
      ['the year 1999', 1999, { status: 'active', feeCents: 12000 }, 'year'],
      ['a year that is not a number', 'next', { status: 'active', feeCents: 12000 }, 'year'],
    ])('refuses %s with 400 naming the field', async (_label, year, body, field) => {
      const before = await sql(
        app,
        'SELECT year, status, fee_cents FROM memberships WHERE organisation_id = $1 ORDER BY year',
        [organisationId],
      );
      const response = await put(admin, year, body);
      expectProblem(response, 400, 'validation_failed');
      expectFields(response, [field]);
      expect(
        await sql(
          app,
          'SELECT year, status, fee_cents FROM memberships WHERE organisation_id = $1 ORDER BY year',
          [organisationId],
        ),
      ).toEqual(before);
    });

    it('answers 404 for an unknown organisation, and records nothing', async () => {
      const unknown = randomUUID();
      const response = await put(admin, currentYear, { status: 'active', feeCents: 100 }, unknown);
      expectProblem(response, 404, 'organisation_not_found');
      const rows = await sql<{ n: number }[]>(
        app,
        'SELECT count(*)::int AS n FROM memberships WHERE organisation_id = $1',
        [unknown],
      );
      expect(rows[0].n).toBe(0);
    });

    it('lists the memberships newest year first, and answers 404 to outsiders', async () => {
      await put(admin, currentYear - 2, { status: 'lapsed', feeCents: 9000 }).expect(200);
      await put(admin, currentYear - 1, { status: 'active', feeCents: 10000 }).expect(200);
      const response = await api()
        .get(`/api/organisations/${organisationId}/memberships`)
        .auth(owner.accessToken, bearer)
        .expect(200);
      expect(response.body.map((membership: { year: number }) => membership.year)).toEqual([
        currentYear,
        currentYear - 1,
        currentYear - 2,
      ]);
      expect(response.body[1]).toEqual({
        organisationId,
        year: currentYear - 1,
        status: 'active',
        feeCents: 10000,
        currency: 'EUR',
        updatedAt: expect.any(String),
      });
      const outside = await api()
        .get(`/api/organisations/${organisationId}/memberships`)
        .auth(outsider.accessToken, bearer);
      expectProblem(outside, 404, 'organisation_not_found');
      expect(outside.text).not.toContain('feeCents');
    });
  });

  describe('users administration (Chambre admin)', () => {
    let target: TestUser;
    let otherAdmin: TestUser;

    const rolesInDatabase = async (user: TestUser): Promise<string[]> => {
      const rows = await sql<{ platform_roles: string[] }[]>(
        app,
        'SELECT platform_roles FROM users WHERE id = $1',
        [user.id],
      );
      return rows[0].platform_roles;
    };
    const setRoles = (user: TestUser, subject: TestUser, roles: unknown) =>
      api().put(`/api/users/${subject.id}/roles`).auth(user.accessToken, bearer).send({ roles });

    beforeAll(async () => {
      [target, otherAdmin] = await Promise.all([
        registerAndLogIn(app, 'users-target'),
        registerAndLogIn(app, 'users-admin'),
      ]);
      await grant(otherAdmin, ['admin']);
    });

    it('lists users to an admin, filtered by q', async () => {
      const fragment = target.email.split('@')[0].toUpperCase();
      const response = await api()
        .get('/api/users')
        .query({ q: fragment })
        .auth(admin.accessToken, bearer)
        .expect(200);
      expect(response.body).toEqual({
        items: [
          {
            id: target.id,
            email: target.email,
            name: 'Test users-target',
            locale: 'fr',
            roles: [],
            disabled: false,
            erased: false,
            createdAt: expect.any(String),
            emailVerified: true,
          },
        ],
        nextCursor: null,
      });
    });

    it('refuses the users list to anyone but an admin with 403', async () => {
      for (const user of [target, finance]) {
        const response = await api().get('/api/users').auth(user.accessToken, bearer);
        expectProblem(response, 403, 'forbidden');
      }
    });

    it('lets an admin set a user’s platform roles, which their /me then shows', async () => {
      const response = await setRoles(admin, target, ['consultant']);
      expect({ status: response.status, body: response.body }).toMatchObject({
        status: 200,
        body: { id: target.id, roles: ['consultant'] },
      });
      const me = await api().get('/api/me').auth(target.accessToken, bearer).expect(200);
      expect(me.body.roles).toEqual(['consultant']);
    });

    it('refuses an unknown role with 400, and changes nothing', async () => {
      const before = await rolesInDatabase(target);
      const response = await setRoles(admin, target, ['consultant', 'superuser']);
      expectProblem(response, 400, 'validation_failed');
      expectFields(response, ['roles']);
      expect(await rolesInDatabase(target)).toEqual(before);
    });

    it('refuses a non-admin setting roles, even their own, with 403', async () => {
      const response = await setRoles(target, target, ['admin']);
      expectProblem(response, 403, 'forbidden');
      expect(await rolesInDatabase(target)).not.toContain('admin');
    });

    it('answers 404 when setting the roles of an unknown user', async () => {
      const response = await api()
        .put(`/api/users/${randomUUID()}/roles`)
        .auth(admin.accessToken, bearer)
        .send({ roles: ['consultant'] });
      expectProblem(response, 404, 'user_not_found');
    });

    it('refuses an admin removing their own admin role, and keeps it', async () => {
      const response = await setRoles(otherAdmin, otherAdmin, ['finance']);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(fieldsOf(response)).toContain('roles');
      expect(await rolesInDatabase(otherAdmin)).toEqual(['admin']);
    });
  });
});
