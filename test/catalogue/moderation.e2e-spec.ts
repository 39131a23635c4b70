import { randomUUID } from 'node:crypto';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Response } from 'supertest';
import { TestUser, userWithRoles } from '../support/api-client';
import { expectProblem, expectStatus, fieldsOf } from '../support/expectations';
import { createTestApp, sql } from '../support/test-app';
import {
  bearer,
  catalogue,
  consultationBody,
  Json,
  offeringBody,
  uniqueWord,
  UUID,
} from './catalogue-fixtures';

describe('catalogue: offerings, their moderation and who may do what', () => {
  let app: NestExpressApplication;
  let consultant: TestUser;
  let otherConsultant: TestUser;
  let admin: TestUser;
  let member: TestUser;
  let c: ReturnType<typeof catalogue>;
  /** In every title of this file, so that searches only ever find this file's offerings. */
  const token = uniqueWord();

  const api = () => c.api();
  const getOffering = (id: string, user?: TestUser) => {
    const call = api().get(`/api/offerings/${id}`);
    return user ? call.auth(user.accessToken, bearer) : call;
  };
  const searchIds = async (q: string, user?: TestUser): Promise<string[]> => {
    const call = api().get('/api/offerings').query({ q, limit: 100 });
    const response = await (user ? call.auth(user.accessToken, bearer) : call);
    expectStatus(response, 200);
    return (response.body.items as Json[]).map((item) => item.id as string);
  };
  const action = (user: TestUser, id: string, name: string, body?: Json) =>
    api().post(`/api/offerings/${id}/${name}`).auth(user.accessToken, bearer).send(body);
  const patch = (user: TestUser, id: string, body: Json) =>
    api().patch(`/api/offerings/${id}`).auth(user.accessToken, bearer).send(body);
  const titled = (words: string, overrides: Json = {}) =>
    offeringBody({ title: `${words} ${token} ${uniqueWord('tt')}`, ...overrides });
  const rowOf = async (id: string) =>
    (
      await sql<Json[]>(
        app,
        `SELECT status, title, kind, member_price_cents::int AS member, non_member_price_cents::int AS non_member,
                category_id, rejection_reason, updated_at
           FROM offerings WHERE id = $1`,
        [id],
      )
    )[0];
  /** Every page of the moderation queue, as the admin reads it. */
  const moderationQueue = async (query: Json = {}): Promise<Json[]> => {
    const items: Json[] = [];
    let cursor: string | undefined;
    do {
      const response = await api()
        .get('/api/moderation/offerings')
        .query({ limit: 100, ...query, ...(cursor ? { cursor } : {}) })
        .auth(admin.accessToken, bearer);
      expectStatus(response, 200);
      items.push(...(response.body.items as Json[]));
      cursor = response.body.nextCursor ?? undefined;
    } while (cursor);
    return items;
  };
  const moderationQueueIds = async (): Promise<string[]> =>
    (await moderationQueue()).map((item) => item.id as string);
  /** Every page of the consultant's own offerings. */
  const ownOfferings = async (user: TestUser, query: Json = {}): Promise<Json[]> => {
    const items: Json[] = [];
    let cursor: string | undefined;
    do {
      const response = await api()
        .get('/api/consultants/me/offerings')
        .query({ limit: 100, ...query, ...(cursor ? { cursor } : {}) })
        .auth(user.accessToken, bearer);
      expectStatus(response, 200);
      items.push(...(response.body.items as Json[]));
      cursor = response.body.nextCursor ?? undefined;
    } while (cursor);
    return items;
  };

  beforeAll(async () => {
    app = await createTestApp();
    // Listening once lets concurrent requests share one server.
    await app.listen(0);
    c = catalogue(app);
    [consultant, otherConsultant, admin, member] = await Promise.all([
      userWithRoles(app, 'moderation-consultant', ['consultant']),
      userWithRoles(app, 'moderation-other-consultant', ['consultant']),
      userWithRoles(app, 'moderation-admin', ['admin']),
      userWithRoles(app, 'moderation-member', []),
    ]);
  });

  afterAll(async () => {
    await app.close();
  });

  describe('drafting', () => {
    it('lets a consultant draft an offering: 201 with status draft, their id, the default cancellation policy and sorted départements', async () => {
      const body = titled('Statuts associatifs', { departments: ['84', '13', '2A'] });
      const response = await api()
        .post('/api/offerings')
        .auth(consultant.accessToken, bearer)
        .send(body);
      expect({ status: response.status, body: response.body }).toEqual({
        status: 201,
        body: {
          id: expect.stringMatching(UUID),
          title: body.title,
          summary: body.summary,
          description: body.description,
          categorySlug: 'formation',
          kind: 'training',
          deliveryMode: 'on_site',
          departments: ['13', '2A', '84'],
          durationMinutes: 420,
          memberPriceCents: 18000,
          nonMemberPriceCents: 26000,
          currency: 'EUR',
          // The Chambre's default for a training: the consultant does not choose it.
          vatTreatment: 'standard',
          cancellationPolicy: {
            tiers: [
              { daysBefore: 14, refundPercent: 100 },
              { daysBefore: 7, refundPercent: 50 },
            ],
          },
          maxSeatsPerOrganisation: null,
          pedagogy: body.pedagogy,
          status: 'draft',
          rejectionReason: null,
          consultantId: consultant.id,
          publishedAt: null,
          createdAt: expect.any(String),
          updatedAt: expect.any(String),
        },
      });
      // What was created is what its consultant reads back.
      const read = await getOffering(response.body.id, consultant).expect(200);
      expect(read.body).toMatchObject(response.body);
    });

    it('refuses a user without the consultant role with 403, and creates nothing', async () => {
      const body = titled('Refusé');
      for (const user of [member, admin]) {
        const response = await api()
          .post('/api/offerings')
          .auth(user.accessToken, bearer)
          .send(body);
        expectProblem(response, 403);
      }
      expectProblem(await api().post('/api/offerings').send(body), 401);
      const rows = await sql<Json[]>(app, 'SELECT id FROM offerings WHERE title = $1', [
        body.title,
      ]);
      expect(rows).toEqual([]);
    });

    it('refuses a member price above the non-member price with 400 naming memberPriceCents, and creates nothing', async () => {
      const body = titled('Prix inversés', { memberPriceCents: 30000, nonMemberPriceCents: 20000 });
      const response = await api()
        .post('/api/offerings')
        .auth(consultant.accessToken, bearer)
        .send(body);
      expectProblem(response, 400, 'invalid_offering');
      expect(fieldsOf(response)).toEqual(['memberPriceCents']);
      const rows = await sql<Json[]>(app, 'SELECT id FROM offerings WHERE title = $1', [
        body.title,
      ]);
      expect(rows).toEqual([]);
    });

    it('refuses an unknown categorySlug with 400 unknown_category naming it, and creates nothing', async () => {
      const body = titled('Sans catégorie', { categorySlug: 'astrologie' });
      const response = await api()
        .post('/api/offerings')
        .auth(consultant.accessToken, bearer)
        .send(body);
      expectProblem(response, 400, 'unknown_category');
      expect(fieldsOf(response)).toEqual(['categorySlug']);
      const rows = await sql<Json[]>(app, 'SELECT id FROM offerings WHERE title = $1', [
        body.title,
      ]);
      expect(rows).toEqual([]);
    });

    it('refuses invalid fields with 400 validation_failed naming each of them', async () => {
      const response = await api()
        .post('/api/offerings')
        .auth(consultant.accessToken, bearer)
        .send(
          titled('Invalide', {
            kind: 'webinar',
            deliveryMode: 'teleport',
            departments: ['13', '999'],
            durationMinutes: 5,
            memberPriceCents: -1,
            vatTreatment: 'reduced',
          }),
        );
      expectProblem(response, 400, 'validation_failed');
      expect([...new Set(fieldsOf(response))].sort()).toEqual(
        [
          'deliveryMode',
          'departments',
          'durationMinutes',
          'kind',
          'memberPriceCents',
          'vatTreatment',
        ].sort(),
      );
    });

    it('lists the VAT regimes to anyone, each with its legal basis, category and VATEX code', async () => {
      const response = await api().get('/api/vat-regimes').expect(200);
      expect(response.body).toContainEqual(
        expect.objectContaining({
          code: 'exempt_training',
          legalBasis: 'art. 261, 4, 4° a du CGI',
          category: 'E',
          rateBasisPoints: 0,
          vatexCode: 'VATEX-FR-CGI261-4',
          mention: 'Exonération de TVA, art. 261, 4, 4° a du CGI',
          offeringKinds: ['training'],
        }),
      );
      expect(response.body).toContainEqual(
        expect.objectContaining({ code: 'standard', category: 'S', rateBasisPoints: 2000 }),
      );
      expect(response.body).toContainEqual(
        expect.objectContaining({ code: 'not_subject', legalBasis: null, offeringKinds: [] }),
      );
    });

    it('lists the categories to anyone, with French and English labels', async () => {
      const response = await api().get('/api/categories').expect(200);
      expect(response.body).toHaveLength(7);
      expect(response.body[0]).toEqual({
        slug: 'formation',
        labelFr: 'Formation',
        labelEn: 'Training',
      });
      expect(response.body.map((category: Json) => category.slug)).toEqual([
        'formation',
        'juridique',
        'ressources-humaines',
        'gestion-et-finance',
        'numerique',
        'gouvernance-cooperative',
        'financement',
      ]);
    });
  });

  describe('the moderation workflow', () => {
    it('keeps a draft to its consultant and the admins: 404 to the public, members and other consultants, absent from search', async () => {
      const draft = await c.createOffering(consultant, titled('Brouillon discret'));
      for (const user of [undefined, member, otherConsultant]) {
        expectProblem(await getOffering(draft.id, user), 404, 'offering_not_found');
      }
      await getOffering(draft.id, consultant).expect(200);
      const asAdmin = await getOffering(draft.id, admin).expect(200);
      expect(asAdmin.body.status).toBe('draft');
      for (const user of [undefined, member, consultant, admin]) {
        expect(await searchIds(`brouillon ${token}`, user)).toEqual([]);
      }
      expectProblem(
        await api().get(`/api/offerings/${draft.id}/sessions`),
        404,
        'offering_not_found',
      );
    });

    it('lets only the owner submit: another consultant gets 404 on a draft, an admin 403, and the draft stays a draft', async () => {
      const draft = await c.createOffering(consultant, titled('Soumission'));
      expectProblem(await action(otherConsultant, draft.id, 'submit'), 404, 'offering_not_found');
      expectProblem(await action(admin, draft.id, 'submit'), 403, 'not_offering_owner');
      expectProblem(await action(member, draft.id, 'submit'), 404, 'offering_not_found');
      expect(await c.statusOf(draft.id)).toBe('draft');

      const submitted = await action(consultant, draft.id, 'submit');
      expect({ status: submitted.status, body: submitted.body }).toMatchObject({
        status: 200,
        body: { id: draft.id, status: 'submitted', publishedAt: null },
      });
      expect(await c.statusOf(draft.id)).toBe('submitted');
    });

    it('keeps a submitted offering out of the catalogue and puts it in the admins’ moderation queue', async () => {
      const offering = await c.createOffering(consultant, titled('File de modération'));
      const stillDraft = await c.createOffering(consultant, titled('Pas encore soumis'));
      await c.act(consultant, offering.id, 'submit');

      for (const user of [undefined, member, otherConsultant]) {
        expectProblem(await getOffering(offering.id, user), 404, 'offering_not_found');
      }
      expect(await searchIds(`modération ${token}`)).toEqual([]);
      await getOffering(offering.id, admin).expect(200);

      const queue = await moderationQueue();
      const ids = queue.map((item) => item.id as string);
      expect(ids).toContain(offering.id);
      expect(ids).not.toContain(stillDraft.id);
      expect(new Set(queue.map((item) => item.status as string))).toEqual(new Set(['submitted']));
      // Oldest submission first.
      const mineInQueue = ids.filter((id) => id === offering.id || id === stillDraft.id);
      expect(mineInQueue).toEqual([offering.id]);
    });

    it('refuses the moderation queue to consultants and members (403) and to visitors (401)', async () => {
      for (const user of [consultant, member]) {
        const response = await api()
          .get('/api/moderation/offerings')
          .auth(user.accessToken, bearer);
        expectProblem(response, 403);
        expect(response.body.items).toBeUndefined();
      }
      expectProblem(await api().get('/api/moderation/offerings'), 401);
    });

    it('lets only admins publish: the owner, a member and another consultant get 403, and it stays submitted', async () => {
      const offering = await c.createOffering(consultant, titled('Publication'));
      await c.act(consultant, offering.id, 'submit');
      for (const user of [consultant, member, otherConsultant]) {
        expectProblem(await action(user, offering.id, 'publish'), 403);
        expectProblem(await action(user, offering.id, 'reject', { reason: 'non' }), 403);
      }
      expect(await c.statusOf(offering.id)).toBe('submitted');
      expect(await moderationQueueIds()).toContain(offering.id);
    });

    it('publishes a submitted offering: visible to everyone, found by search, out of the queue', async () => {
      const offering = await c.createOffering(consultant, titled('Gouvernance publiée'));
      await c.act(consultant, offering.id, 'submit');
      const before = Date.now();
      const published = await action(admin, offering.id, 'publish');
      expect({ status: published.status, body: published.body }).toMatchObject({
        status: 200,
        body: { status: 'published', rejectionReason: null },
      });
      expect(Date.parse(published.body.publishedAt)).toBeGreaterThanOrEqual(before - 1000);

      for (const user of [undefined, member, otherConsultant]) {
        const response = await getOffering(offering.id, user);
        expectStatus(response, 200);
        expect(response.body).toMatchObject({ id: offering.id, status: 'published' });
        expect(await searchIds(`gouvernance ${token}`, user)).toEqual([offering.id]);
      }
      expect(await moderationQueueIds()).not.toContain(offering.id);
    });

    it('answers 409 invalid_offering_transition to steps that do not follow the workflow, and changes nothing', async () => {
      const draft = await c.createOffering(consultant, titled('Transitions brouillon'));
      expectProblem(await action(admin, draft.id, 'publish'), 409, 'invalid_offering_transition');
      expectProblem(
        await action(admin, draft.id, 'reject', { reason: 'Trop tôt' }),
        409,
        'invalid_offering_transition',
      );
      expect(await c.statusOf(draft.id)).toBe('draft');

      const published = await c.publishedOffering(consultant, admin, titled('Transitions publiée'));
      const before = await rowOf(published.id);
      expectProblem(
        await action(consultant, published.id, 'submit'),
        409,
        'invalid_offering_transition',
      );
      expectProblem(
        await action(admin, published.id, 'publish'),
        409,
        'invalid_offering_transition',
      );
      expectProblem(
        await action(admin, published.id, 'reject', { reason: 'Après coup' }),
        409,
        'invalid_offering_transition',
      );
      expect(await rowOf(published.id)).toEqual(before);

      await c.act(consultant, published.id, 'archive');
      for (const [user, name] of [
        [consultant, 'archive'],
        [admin, 'archive'],
        [consultant, 'submit'],
        [admin, 'publish'],
      ] as const) {
        expectProblem(await action(user, published.id, name), 409, 'invalid_offering_transition');
      }
      expect(await c.statusOf(published.id)).toBe('archived');
    });

    it('requires a reason to reject: 400 naming reason without one or with a blank one, and it stays submitted', async () => {
      const offering = await c.createOffering(consultant, titled('Rejet sans motif'));
      await c.act(consultant, offering.id, 'submit');
      for (const body of [{}, { reason: '   ' }, { reason: 42 }]) {
        const response = await action(admin, offering.id, 'reject', body);
        expectProblem(response, 400, 'validation_failed');
        expect(new Set(fieldsOf(response))).toEqual(new Set(['reason']));
      }
      expect(await rowOf(offering.id)).toMatchObject({
        status: 'submitted',
        rejection_reason: null,
      });
    });

    it('shows a rejection reason to its consultant (own list and page) and admins, never to anyone else, then lets it be fixed, resubmitted and published', async () => {
      const offering = await c.createOffering(consultant, titled('Motif de rejet'));
      await c.act(consultant, offering.id, 'submit');
      const reason = 'Précisez le public visé et les prérequis.';
      const rejected = await action(admin, offering.id, 'reject', { reason: `  ${reason} ` });
      expect({ status: rejected.status, body: rejected.body }).toMatchObject({
        status: 200,
        body: { status: 'rejected', rejectionReason: reason },
      });

      // The consultant sees why, on their list (also filtered by status) and on the page.
      const mine = await ownOfferings(consultant);
      expect(mine.find((item) => item.id === offering.id)).toMatchObject({
        status: 'rejected',
        rejectionReason: reason,
      });
      const rejectedOnly = await ownOfferings(consultant, { status: 'rejected' });
      expect(rejectedOnly.map((item) => item.id)).toContain(offering.id);
      expect(rejectedOnly.every((item) => item.status === 'rejected')).toBe(true);
      expect((await getOffering(offering.id, consultant).expect(200)).body.rejectionReason).toBe(
        reason,
      );
      expect((await getOffering(offering.id, admin).expect(200)).body.rejectionReason).toBe(reason);
      // Nobody else even sees the offering.
      for (const user of [undefined, member, otherConsultant]) {
        const response = await getOffering(offering.id, user);
        expectProblem(response, 404, 'offering_not_found');
        expect(response.text).not.toContain('prérequis');
      }
      expect((await ownOfferings(otherConsultant)).map((item) => item.id as string)).not.toContain(
        offering.id,
      );

      // Fixed and submitted again: back in the queue, then published.
      await patch(consultant, offering.id, {
        summary: 'Pour les trésoriers, sans prérequis.',
      }).expect(200);
      const resubmitted = await action(consultant, offering.id, 'submit');
      expect({ status: resubmitted.status, body: resubmitted.body }).toMatchObject({
        status: 200,
        body: { status: 'submitted' },
      });
      expect(await moderationQueueIds()).toContain(offering.id);
      await c.act(admin, offering.id, 'publish');

      for (const user of [undefined, member, otherConsultant]) {
        const response = await getOffering(offering.id, user);
        expectStatus(response, 200);
        expect(response.body.status).toBe('published');
        expect(response.body.rejectionReason).toBeNull();
        expect(response.text).not.toContain(reason);
      }
      const search = await api()
        .get('/api/offerings')
        .query({ q: `motif ${token}` })
        .expect(200);
      expect(search.body.items.map((item: Json) => item.id)).toEqual([offering.id]);
      expect(search.body.items[0]).not.toHaveProperty('rejectionReason');
      expect(search.text).not.toContain(reason);
    });

    it('lets the owner archive: the offering leaves search and answers 404 to the public, its owner still reads it as archived', async () => {
      const offering = await c.publishedOffering(
        consultant,
        admin,
        titled('Archivage propriétaire'),
      );
      expect(await searchIds(`archivage propriétaire ${token}`)).toEqual([offering.id]);

      const archived = await action(consultant, offering.id, 'archive');
      expect({ status: archived.status, body: archived.body }).toMatchObject({
        status: 200,
        body: { status: 'archived' },
      });
      for (const user of [undefined, member, otherConsultant]) {
        expectProblem(await getOffering(offering.id, user), 404, 'offering_not_found');
        expect(await searchIds(`archivage propriétaire ${token}`, user)).toEqual([]);
      }
      expectProblem(
        await api().get(`/api/offerings/${offering.id}/sessions`),
        404,
        'offering_not_found',
      );
      const own = await getOffering(offering.id, consultant).expect(200);
      expect(own.body.status).toBe('archived');
    });

    it('lets an admin archive someone’s offering, but not another consultant or a member (403)', async () => {
      const offering = await c.publishedOffering(consultant, admin, titled('Archivage admin'));
      for (const user of [otherConsultant, member]) {
        expectProblem(await action(user, offering.id, 'archive'), 403, 'not_offering_owner');
      }
      expect(await c.statusOf(offering.id)).toBe('published');
      const archived = await action(admin, offering.id, 'archive');
      expect({ status: archived.status, body: archived.body }).toMatchObject({
        status: 200,
        body: { status: 'archived' },
      });
      expect(await searchIds(`archivage admin ${token}`)).toEqual([]);
    });

    it('lets the owner archive a draft, which another consultant cannot even find (404)', async () => {
      const draft = await c.createOffering(consultant, titled('Brouillon abandonné'));
      expectProblem(await action(otherConsultant, draft.id, 'archive'), 404, 'offering_not_found');
      expect(await c.statusOf(draft.id)).toBe('draft');
      await c.act(consultant, draft.id, 'archive');
      expect(await c.statusOf(draft.id)).toBe('archived');
    });

    it('lets exactly one of concurrent publish and reject decisions on one submitted offering win; the others get 409', async () => {
      const offering = await c.createOffering(consultant, titled('Décisions simultanées'));
      await c.act(consultant, offering.id, 'submit');
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          index % 2 === 0
            ? action(admin, offering.id, 'publish')
            : action(admin, offering.id, 'reject', { reason: `Refus ${index}` }),
        ),
      );
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([200, ...Array(9).fill(409)]);
      for (const response of responses.filter((found) => found.status === 409)) {
        expectProblem(response, 409, 'invalid_offering_transition');
      }
      const winner = responses.find((response) => response.status === 200)!;
      const row = await rowOf(offering.id);
      expect(row.status).toBe(winner.body.status);
      expect(row.rejection_reason).toBe(winner.body.rejectionReason);
    });

    it('refuses an unknown status filter on the consultant’s own list with 400, and the list to non-consultants with 403', async () => {
      const response = await api()
        .get('/api/consultants/me/offerings')
        .query({ status: 'published,deleted' })
        .auth(consultant.accessToken, bearer);
      expectProblem(response, 400, 'validation_failed');
      expect([...new Set(fieldsOf(response))]).toEqual(['status']);
      expectProblem(
        await api().get('/api/consultants/me/offerings').auth(member.accessToken, bearer),
        403,
      );
    });

    it('answers 404 for an unknown offering and 400 for an id that is not a UUID', async () => {
      expectProblem(await getOffering(randomUUID()), 404, 'offering_not_found');
      expectProblem(await action(admin, randomUUID(), 'publish'), 404, 'offering_not_found');
      const malformed = await getOffering('not-a-uuid');
      expectProblem(malformed, 400, 'validation_failed');
      expect(fieldsOf(malformed)).toEqual(['id']);
    });
  });

  describe('editing', () => {
    it('refuses another consultant editing an offering: 403 when published, 404 when not, and nothing changes', async () => {
      const published = await c.publishedOffering(consultant, admin, titled('Édition protégée'));
      const draft = await c.createOffering(consultant, titled('Brouillon protégé'));
      const [publishedBefore, draftBefore] = [await rowOf(published.id), await rowOf(draft.id)];

      expectProblem(
        await patch(otherConsultant, published.id, { nonMemberPriceCents: 99000 }),
        403,
        'not_offering_owner',
      );
      expectProblem(
        await patch(otherConsultant, draft.id, { title: 'Volé' }),
        404,
        'offering_not_found',
      );
      expectProblem(await patch(member, published.id, { title: 'Volé' }), 403);
      expectProblem(await patch(member, draft.id, { title: 'Volé' }), 404, 'offering_not_found');
      expect(await rowOf(published.id)).toEqual(publishedBefore);
      expect(await rowOf(draft.id)).toEqual(draftBefore);
    });

    it('refuses edits while the Chambre reviews it with 409 offering_not_editable', async () => {
      const offering = await c.createOffering(consultant, titled('En revue'));
      await c.act(consultant, offering.id, 'submit');
      const before = await rowOf(offering.id);
      expectProblem(
        await patch(consultant, offering.id, { title: `Changé ${token}` }),
        409,
        'offering_not_editable',
      );
      expect(await rowOf(offering.id)).toEqual(before);
    });

    it('refuses edits to an archived offering with 409 offering_not_editable', async () => {
      const offering = await c.publishedOffering(consultant, admin, titled('Archivée figée'));
      await c.act(consultant, offering.id, 'archive');
      expectProblem(
        await patch(consultant, offering.id, { nonMemberPriceCents: 1 }),
        409,
        'offering_not_editable',
      );
      expect((await rowOf(offering.id)).non_member).toBe(26000);
    });

    it('applies a new price of a published offering, once the Chambre approves it, to every new view: page, sessions and search', async () => {
      const offering = await c.publishedOffering(consultant, admin, titled('Tarif révisé'));
      const startsAt = new Date(Date.now() + 20 * 86_400_000).toISOString();
      await c.schedule(consultant, offering.id, {
        startsAt,
        endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(),
        capacity: 10,
        location: 'Marseille',
      });
      const before = await getOffering(offering.id).expect(200);
      expect(before.body.price).toEqual({ unitPriceCents: 26000, memberPrice: false });

      const edited = await patch(consultant, offering.id, {
        memberPriceCents: 15000,
        nonMemberPriceCents: 21000,
      });
      // The consultant's price awaits review; the published one stays live meanwhile.
      expect({ status: edited.status, body: edited.body }).toMatchObject({
        status: 200,
        body: {
          status: 'published',
          memberPriceCents: 18000,
          nonMemberPriceCents: 26000,
          pendingRevision: { memberPriceCents: 15000, nonMemberPriceCents: 21000 },
        },
      });
      expect((await getOffering(offering.id).expect(200)).body.price).toEqual({
        unitPriceCents: 26000,
        memberPrice: false,
      });
      await c.act(admin, offering.id, 'publish');

      const page = await getOffering(offering.id).expect(200);
      expect(page.body).toMatchObject({
        memberPriceCents: 15000,
        nonMemberPriceCents: 21000,
        price: { unitPriceCents: 21000, memberPrice: false },
      });
      expect(page.body.upcomingSessions.map((session: Json) => session.price)).toEqual([
        { unitPriceCents: 21000, memberPrice: false },
      ]);
      const sessions = await api().get(`/api/offerings/${offering.id}/sessions`).expect(200);
      expect(sessions.body.map((session: Json) => session.price.unitPriceCents)).toEqual([21000]);
      const search = await api()
        .get('/api/offerings')
        .query({ q: `tarif ${token}` })
        .expect(200);
      expect(search.body.items).toHaveLength(1);
      expect(search.body.items[0]).toMatchObject({
        id: offering.id,
        nonMemberPriceCents: 21000,
        price: { unitPriceCents: 21000, memberPrice: false },
      });
      expect(search.body.items[0].nextSessions[0].price.unitPriceCents).toBe(21000);
    });

    it('refuses an edit that puts the member price above the non-member price with 400, and keeps the prices', async () => {
      const offering = await c.publishedOffering(consultant, admin, titled('Prix incohérents'));
      for (const body of [
        { memberPriceCents: 27000 },
        { nonMemberPriceCents: 17000 },
        { memberPriceCents: 50000, nonMemberPriceCents: 40000 },
      ]) {
        const response = await patch(consultant, offering.id, body);
        expectProblem(response, 400, 'invalid_offering');
        expect(fieldsOf(response)).toEqual(['memberPriceCents']);
      }
      expect(await rowOf(offering.id)).toMatchObject({ member: 18000, non_member: 26000 });
    });

    it('refuses an unknown categorySlug on edit with 400 unknown_category, and keeps the category', async () => {
      const offering = await c.createOffering(consultant, titled('Catégorie stable'));
      const before = await rowOf(offering.id);
      const response = await patch(consultant, offering.id, { categorySlug: 'astrologie' });
      expectProblem(response, 400, 'unknown_category');
      expect(fieldsOf(response)).toEqual(['categorySlug']);
      expect(await rowOf(offering.id)).toEqual(before);
      const moved = await patch(consultant, offering.id, { categorySlug: 'juridique' });
      expect({ status: moved.status, body: moved.body }).toMatchObject({
        status: 200,
        body: { categorySlug: 'juridique' },
      });
    });

    it('lets the kind change on a draft only: once submitted, 409 naming kind', async () => {
      const offering = await c.createOffering(consultant, titled('Nature changeante'));
      const toConsultation = await patch(consultant, offering.id, {
        kind: 'consultation',
        durationMinutes: 60,
      });
      expect({ status: toConsultation.status, body: toConsultation.body }).toMatchObject({
        status: 200,
        body: { kind: 'consultation', durationMinutes: 60 },
      });

      await c.act(consultant, offering.id, 'submit');
      await c.reject(admin, offering.id, 'Précisez la durée.');
      const rejectedChange = await patch(consultant, offering.id, { kind: 'training' });
      expectProblem(rejectedChange, 409, 'offering_not_editable');
      expect(fieldsOf(rejectedChange)).toEqual(['kind']);
      expect((await rowOf(offering.id)).kind).toBe('consultation');

      await c.act(consultant, offering.id, 'submit');
      await c.act(admin, offering.id, 'publish');
      expectProblem(
        await patch(consultant, offering.id, { kind: 'training' }),
        409,
        'offering_not_editable',
      );
      expect((await rowOf(offering.id)).kind).toBe('consultation');
      // Sending the same kind is no change and is accepted.
      await patch(consultant, offering.id, {
        kind: 'consultation',
        summary: 'Même nature.',
      }).expect(200);
    });

    it('refuses a status, consultant or unknown field in an edit with 400: nobody publishes through PATCH', async () => {
      const offering = await c.createOffering(consultant, titled('Pas de raccourci'));
      for (const body of [
        { status: 'published' },
        { consultantId: otherConsultant.id },
        { publishedAt: new Date().toISOString() },
      ]) {
        const response = await patch(consultant, offering.id, body);
        expectProblem(response, 400, 'validation_failed');
        expect(fieldsOf(response)).toEqual(Object.keys(body));
      }
      const row = await sql<Json[]>(
        app,
        'SELECT status, consultant_id, published_at FROM offerings WHERE id = $1',
        [offering.id],
      );
      expect(row).toEqual([{ status: 'draft', consultant_id: consultant.id, published_at: null }]);
    });
  });

  describe('descriptions and consultant profiles', () => {
    it('renders the Markdown description with raw HTML escaped, never executable', async () => {
      const description = [
        '## Programme',
        '',
        '- **statuts**',
        '',
        '<script>alert("xss")</script>',
        '',
        '<img src=x onerror=alert(1)>',
        '',
        '[clic](javascript:alert(1))',
      ].join('\n');
      const offering = await c.publishedOffering(
        consultant,
        admin,
        titled('Description riche', { description }),
      );
      const response = await getOffering(offering.id).expect(200);
      expect(response.body.description).toBe(description);
      const html = response.body.descriptionHtml as string;
      expect(html).toContain('<h2>Programme</h2>');
      expect(html).toContain('<strong>statuts</strong>');
      expect(html).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
      expect(html).not.toMatch(/<script|<img|href="javascript/i);
    });

    it('writes a consultant’s profile, shows it publicly and on their offerings', async () => {
      const profile = {
        bio: 'Juriste, vingt ans d’accompagnement des associations.',
        expertise: ['droit des associations', ' statuts ', 'droit des associations'],
        departments: ['84', '13'],
      };
      const written = await api()
        .put('/api/consultants/me/profile')
        .auth(otherConsultant.accessToken, bearer)
        .send(profile);
      expect({ status: written.status, body: written.body }).toEqual({
        status: 200,
        body: {
          userId: otherConsultant.id,
          bio: profile.bio,
          expertise: ['droit des associations', 'statuts'],
          departments: ['13', '84'],
          updatedAt: expect.any(String),
        },
      });
      const mine = await api()
        .get('/api/consultants/me/profile')
        .auth(otherConsultant.accessToken, bearer)
        .expect(200);
      expect(mine.body).toEqual(written.body);
      const publicProfile = await api()
        .get(`/api/consultants/${otherConsultant.id}/profile`)
        .expect(200);
      expect(publicProfile.body).toEqual(written.body);

      const offering = await c.publishedOffering(otherConsultant, admin, titled('Profil visible'));
      const page = await getOffering(offering.id).expect(200);
      expect(page.body.consultant).toEqual({
        id: otherConsultant.id,
        bio: profile.bio,
        expertise: ['droit des associations', 'statuts'],
      });
    });

    it('refuses the consultant profile routes to users without the role with 403', async () => {
      expectProblem(
        await api().get('/api/consultants/me/profile').auth(member.accessToken, bearer),
        403,
      );
      const put = await api()
        .put('/api/consultants/me/profile')
        .auth(member.accessToken, bearer)
        .send({ bio: 'Moi', expertise: [], departments: [] });
      expectProblem(put, 403);
      const rows = await sql<Json[]>(app, 'SELECT 1 FROM consultant_profiles WHERE user_id = $1', [
        member.id,
      ]);
      expect(rows).toEqual([]);
    });

    it('answers 404 for the public profile of an id that is no consultant', async () => {
      const unknown = await api().get(`/api/consultants/${randomUUID()}/profile`);
      expectProblem(unknown, 404);
      const notConsultant = await api().get(`/api/consultants/${member.id}/profile`);
      expectProblem(notConsultant, 404);
    });
  });

  it('keeps consultation offerings through the same workflow', async () => {
    const offering = await c.createOffering(
      consultant,
      consultationBody({ title: `Permanence juridique ${token}` }),
    );
    expect(offering).toMatchObject({ kind: 'consultation', status: 'draft' });
    await c.act(consultant, offering.id, 'submit');
    await c.act(admin, offering.id, 'publish');
    const page: Response = await getOffering(offering.id).expect(200);
    expect(page.body).toMatchObject({ kind: 'consultation', upcomingSessions: [], freeSlots: [] });
  });
});
