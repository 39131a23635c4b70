import { randomInt, randomUUID } from 'node:crypto';
import { NestExpressApplication } from '@nestjs/platform-express';
import { TestUser, userWithRoles } from '../support/api-client';
import { expectProblem, expectStatus, fieldsOf } from '../support/expectations';
import { createTestApp, sql } from '../support/test-app';
import {
  bearer,
  catalogue,
  consultationBody,
  DAY_MS,
  iso,
  Json,
  offeringBody,
  parisDateIn,
  parisLocal,
  parisTimeIn,
  plusMinutes,
  uniqueWord,
} from './catalogue-fixtures';

const CATEGORY_SLUGS = [
  'formation',
  'juridique',
  'ressources-humaines',
  'gestion-et-finance',
  'numerique',
  'gouvernance-cooperative',
  'financement',
];

function forgedCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

describe('catalogue: searching the published offerings', () => {
  let app: NestExpressApplication;
  let consultant: TestUser;
  let admin: TestUser;
  let c: ReturnType<typeof catalogue>;
  /** In the title of every offering of the main set, and nowhere else in the database. */
  const token = uniqueWord();
  /** In every offering of the pagination set. */
  const pageToken = uniqueWord();
  /** Offerings of the main set by letter (see beforeAll). */
  const o: Record<string, Json> = {};
  /** The pagination set, P1…P5, and the instant window their only sessions start in. */
  const p: Json[] = [];
  let windowStart: Date;

  const api = () => c.api();
  const search = async (query: Json, user?: TestUser): Promise<Json> => {
    const call = api()
      .get('/api/offerings')
      .query({ limit: 100, ...query });
    const response = await (user ? call.auth(user.accessToken, bearer) : call);
    expectStatus(response, 200);
    return response.body as Json;
  };
  const idsOf = (body: Json): string[] => (body.items as Json[]).map((item) => item.id as string);
  const letters = (body: Json): string[] =>
    idsOf(body).map((id) => Object.keys(o).find((letter) => o[letter].id === id) ?? id);
  /** The letters found for the main set with these filters, in the order returned. */
  const found = async (query: Json): Promise<string[]> =>
    letters(await search({ q: token, ...query }));
  const facetCounts = (body: Json): Record<string, number> =>
    Object.fromEntries(
      (body.facets.categories as Json[]).map((facet) => [facet.slug, facet.count as number]),
    );
  const noFacets = Object.fromEntries(CATEGORY_SLUGS.map((slug) => [slug, 0]));
  /** Follows nextCursor from the first page to the last; returns the pages. */
  const allPages = async (query: Json): Promise<Json[]> => {
    const pages: Json[] = [];
    let cursor: string | undefined;
    do {
      const body = await search({ ...query, ...(cursor ? { cursor } : {}) });
      pages.push(body);
      cursor = body.nextCursor ?? undefined;
      expect(pages.length).toBeLessThan(20);
    } while (cursor);
    return pages;
  };
  const main = (words: string, overrides: Json = {}) =>
    offeringBody({
      title: `${words} ${token}`,
      summary: 'Une offre du catalogue.',
      description: 'Le programme détaillé.',
      ...overrides,
    });

  beforeAll(async () => {
    app = await createTestApp();
    c = catalogue(app);
    [consultant, admin] = await Promise.all([
      userWithRoles(app, 'search-consultant', ['consultant']),
      userWithRoles(app, 'search-admin', ['admin']),
    ]);
    const publish = (body: Json) => c.publishedOffering(consultant, admin, body);
    [o.A, o.B, o.C, o.D, o.E, o.F] = await Promise.all([
      publish(
        main('Formations pour employeurs associatifs', {
          departments: ['84', '13'],
          memberPriceCents: 18000,
          nonMemberPriceCents: 26000,
        }),
      ),
      publish(
        main('Comptabilité des bénévoles', {
          categorySlug: 'gestion-et-finance',
          deliveryMode: 'remote',
          departments: ['06'],
          memberPriceCents: 9000,
          nonMemberPriceCents: 12000,
        }),
      ),
      publish(
        main('Fiscalité des associations', {
          categorySlug: 'juridique',
          deliveryMode: 'hybrid',
          departments: ['13'],
          memberPriceCents: 30000,
          nonMemberPriceCents: 40000,
        }),
      ),
      publish(
        consultationBody({
          title: `Atelier conseil ${token}`,
          summary: 'Une offre du catalogue.',
          description: 'Nous abordons la fiscalité des dons et des legs.',
          categorySlug: 'juridique',
          deliveryMode: 'remote',
          departments: ['83'],
          memberPriceCents: 5000,
          nonMemberPriceCents: 8000,
        }),
      ),
      publish(
        consultationBody({
          title: `Permanence numérique ${token}`,
          summary: 'Une offre du catalogue.',
          description: 'Le programme détaillé.',
          categorySlug: 'numerique',
          deliveryMode: 'on_site',
          departments: ['13'],
          memberPriceCents: 5000,
          nonMemberPriceCents: 5000,
        }),
      ),
      publish(
        main('Gouvernance partagée', {
          departments: ['13'],
          memberPriceCents: 10000,
          nonMemberPriceCents: 15000,
        }),
      ),
    ]);
    // Never in search: a draft, a submitted and an archived offering with the same words.
    const draft = await c.createOffering(consultant, main('Formations pour employeurs brouillon'));
    const submitted = await c.createOffering(
      consultant,
      main('Formations pour employeurs soumises'),
    );
    await c.act(consultant, submitted.id, 'submit');
    const archived = await publish(main('Formations pour employeurs archivées'));
    await c.schedule(consultant, archived.id, {
      startsAt: parisTimeIn(10, '10:00'),
      endsAt: parisTimeIn(10, '12:00'),
      capacity: 10,
      location: 'Marseille',
    });
    await c.act(consultant, archived.id, 'archive');
    o.draft = draft;
    o.submitted = submitted;
    o.archived = archived;

    const place = 'Cité des associations, Marseille';
    const visio = 'https://visio.example.fr/salle';
    // A: a session at 00:30 in Paris ten days from now (still the previous day in UTC), and three later ones.
    const aStart = parisLocal(parisDateIn(10), '00:30');
    await c.schedule(consultant, o.A.id, {
      startsAt: aStart,
      endsAt: plusMinutes(aStart, 120),
      capacity: 10,
      location: place,
    });
    for (const days of [60, 61, 62]) {
      await c.schedule(consultant, o.A.id, {
        startsAt: parisTimeIn(days, '09:00'),
        endsAt: parisTimeIn(days, '17:00'),
        capacity: 10,
        location: place,
      });
    }
    // B: its only session is full.
    const bSession = await c.schedule(consultant, o.B.id, {
      startsAt: parisTimeIn(40, '10:00'),
      endsAt: parisTimeIn(40, '12:00'),
      capacity: 5,
      remoteUrl: visio,
    });
    await sql(app, 'UPDATE sessions SET seats_taken = capacity WHERE id = $1', [bSession.id]);
    // C: its only session no longer takes registrations.
    const cSession = await c.schedule(consultant, o.C.id, {
      startsAt: parisTimeIn(20, '10:00'),
      endsAt: parisTimeIn(20, '12:00'),
      capacity: 5,
      location: place,
      remoteUrl: visio,
    });
    await sql(
      app,
      `UPDATE sessions SET registration_deadline = now() - interval '1 hour' WHERE id = $1`,
      [cSession.id],
    );
    // D: one free slot.
    await c.openSlots(consultant, o.D.id, {
      slots: [{ startsAt: parisTimeIn(15, '10:00'), endsAt: parisTimeIn(15, '11:00') }],
    });
    // E: its only slot is booked.
    const [eSlot] = await c.openSlots(consultant, o.E.id, {
      slots: [{ startsAt: parisTimeIn(12, '10:00'), endsAt: parisTimeIn(12, '11:00') }],
    });
    await sql(app, `UPDATE consultation_slots SET status = 'booked' WHERE id = $1`, [eSlot.id]);
    // F: a session far away, and a cancelled one in the range the date filters use.
    await c.schedule(consultant, o.F.id, {
      startsAt: parisTimeIn(100, '09:00'),
      endsAt: parisTimeIn(100, '17:00'),
      capacity: 20,
      location: place,
    });
    const fCancelled = await c.schedule(consultant, o.F.id, {
      startsAt: parisTimeIn(30, '09:00'),
      endsAt: parisTimeIn(30, '17:00'),
      capacity: 20,
      location: place,
    });
    await c
      .api()
      .post(`/api/sessions/${fCancelled.id}/cancel`)
      .auth(consultant.accessToken, bearer)
      .send({})
      .expect(200);

    // The pagination set: the word in the title (P1, P2), the summary (P3) or the description
    // (P4, P5); each with one session in a window of a few seconds no other file uses.
    windowStart = new Date(
      Math.floor((Date.now() + (200 + randomInt(0, 100)) * DAY_MS) / 60_000) * 60_000 +
        randomInt(0, 60) * 1000,
    );
    const placements: Json[] = [
      { title: `Séminaire ${pageToken}` },
      { title: `Séminaire ${pageToken} de printemps` },
      { title: 'Séminaire de printemps', summary: `Avec ${pageToken}.` },
      { title: 'Séminaire d’été', description: `Programme ${pageToken}.` },
      { title: 'Séminaire d’automne', description: `Le ${pageToken} en détail.` },
    ];
    for (const [index, placement] of placements.entries()) {
      const offering = await publish(
        offeringBody({ summary: 'Une journée.', description: 'Un programme.', ...placement }),
      );
      const startsAt = new Date(windowStart.getTime() + index * 1000).toISOString();
      await c.schedule(consultant, offering.id, {
        startsAt,
        endsAt: plusMinutes(startsAt, 60),
        capacity: 10,
        location: place,
      });
      p.push(offering);
    }
  });

  afterAll(async () => {
    await app.close();
  });

  describe('French full text', () => {
    it('finds every published offering with the word, and only those: no draft, submitted or archived one', async () => {
      const body = await search({ q: token });
      expect(letters(body).sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
      expect(body.total).toBe(6);
      expect(body.nextCursor).toBeNull();
    });

    it.each([
      ['formation employeur', ['A']],
      ['Formations pour employeurs associatifs', ['A']],
      ['FORMATION EMPLOYEURS', ['A']],
      ['formations employeur associatif', ['A']],
      ['comptabilite benevoles', ['B']],
      ['comptabilité bénévole', ['B']],
      ['COMPTABILITE', ['B']],
      ['numerique', ['E']],
      ['gouvernance partagee', ['F']],
      ['employeur comptabilite', []],
    ])(
      '"%s" finds %j: stemming, plurals, case and accents ignored, every word required',
      async (words, expected) => {
        expect(await found({ q: `${words} ${token}` })).toEqual(expected);
      },
    );

    it('takes any text people type without failing: quotes, operators, punctuation', async () => {
      for (const words of [
        `"formation employeur" ${token}`,
        `formation -comptabilite ${token}`,
        `formation or comptabilite ${token}`,
        `'&|!():*<-> ${token}`,
        `l'employeur ${token}`,
      ]) {
        const body = await search({ q: words });
        expect(Array.isArray(body.items)).toBe(true);
      }
      expect(await found({ q: `"formations pour employeurs" ${token}` })).toEqual(['A']);
      // "or" binds loosest ('format' | 'comptabilit' & token): other files' offerings may match
      // too, so only this file's are compared.
      const either = await found({ q: `comptabilite or employeur ${token}` });
      expect(either.filter((letter) => /^[A-F]$/.test(letter)).sort()).toEqual(['A', 'B']);
      expect(await found({ q: `formation -employeur ${token}` })).toEqual([]);
    });

    it('ranks a match in the title above a match in the description only', async () => {
      expect(await found({ q: `fiscalite ${token}` })).toEqual(['C', 'D']);
      expect(await found({ q: `fiscalité ${token}` })).toEqual(['C', 'D']);
    });

    it('ranks by where the word is: title, then summary, then description, ties in a stable order', async () => {
      const body = await search({ q: pageToken });
      const [p1, p2, p3, p4, p5] = p.map((offering) => offering.id as string);
      expect(idsOf(body)).toEqual([...[p1, p2].sort(), p3, ...[p4, p5].sort()]);
      expect(body.total).toBe(5);
    });

    it('answers each result as a summary: no description nor rejection reason, its price, its next three sessions without remote link', async () => {
      const body = await search({ q: `formation employeur ${token}` });
      const [item] = body.items as Json[];
      expect(item).toMatchObject({
        id: o.A.id,
        title: o.A.title,
        categorySlug: 'formation',
        kind: 'training',
        deliveryMode: 'on_site',
        departments: ['13', '84'],
        status: 'published',
        consultantId: consultant.id,
        price: { unitPriceCents: 26000, memberPrice: false },
        nextSlots: [],
      });
      expect(item).not.toHaveProperty('description');
      expect(item).not.toHaveProperty('rejectionReason');
      const sessions = item.nextSessions as Json[];
      expect(sessions).toHaveLength(3);
      expect(sessions.map((session) => session.startsAt)).toEqual([
        iso(parisLocal(parisDateIn(10), '00:30')),
        iso(parisTimeIn(60, '09:00')),
        iso(parisTimeIn(61, '09:00')),
      ]);
      for (const session of sessions) {
        expect(session).toMatchObject({ seatsLeft: 10, status: 'scheduled', remoteUrl: null });
      }
      const consultation = (await search({ q: `atelier ${token}` })).items[0] as Json;
      expect(consultation.nextSessions).toEqual([]);
      expect(consultation.nextSlots).toEqual([
        expect.objectContaining({
          startsAt: iso(parisTimeIn(15, '10:00')),
          status: 'open',
          price: { unitPriceCents: 8000, memberPrice: false },
        }),
      ]);
    });
  });

  describe('filters', () => {
    it.each([
      [{ category: 'juridique' }, ['C', 'D']],
      [{ category: 'formation' }, ['A', 'F']],
      [{ category: 'financement' }, []],
      [{ department: '13' }, ['A', 'C', 'E', 'F']],
      [{ department: '84' }, ['A']],
      [{ department: '2A' }, []],
      [{ mode: 'remote' }, ['B', 'D']],
      [{ mode: 'on_site' }, ['A', 'E', 'F']],
      [{ mode: 'hybrid' }, ['C']],
      [{ maxPriceCents: 12000 }, ['B', 'D', 'E']],
      [{ maxPriceCents: 0 }, []],
      [{ available: true }, ['A', 'D', 'F']],
      [{ available: false }, ['A', 'B', 'C', 'D', 'E', 'F']],
      [{ department: '13', mode: 'on_site', category: 'formation' }, ['A', 'F']],
    ])('filters on %j', async (filters, expected) => {
      expect((await found(filters)).sort()).toEqual(expected);
    });

    it('keeps offerings with a session or a free slot in the date range, and drops those whose only session is outside it or cancelled', async () => {
      expect((await found({ from: parisDateIn(5), to: parisDateIn(50) })).sort()).toEqual([
        'A',
        'B',
        'C',
        'D',
      ]);
      // Only D’s free slot falls in days 11 to 16: E’s slot there is booked.
      expect(await found({ from: parisDateIn(11), to: parisDateIn(16) })).toEqual(['D']);
      // F: its session of day 30 was cancelled, the other one is on day 100.
      expect(await found({ from: parisDateIn(25), to: parisDateIn(35) })).toEqual([]);
      expect((await found({ from: parisDateIn(90) })).sort()).toEqual(['F']);
      expect((await found({ to: parisDateIn(14) })).sort()).toEqual(['A']);
    });

    it('reads dates as Paris calendar days: `to` includes its whole day, `from` starts at its midnight', async () => {
      // A’s session starts at 00:30 in Paris on day 10, which is still day 9 in UTC.
      const day10 = parisDateIn(10);
      const day9 = parisDateIn(9);
      expect(await found({ from: day10, to: day10, category: 'formation' })).toEqual(['A']);
      expect(await found({ from: day9, to: day9, category: 'formation' })).toEqual([]);
      expect(
        await found({ from: parisDateIn(11), to: parisDateIn(11), category: 'formation' }),
      ).toEqual([]);
      // Instants are taken as they are, `to` excluded.
      const start = iso(parisLocal(day10, '00:30'));
      expect(
        await found({ from: start, to: plusMinutes(start, 1), category: 'formation' }),
      ).toEqual(['A']);
      expect(
        await found({ from: plusMinutes(start, -60), to: start, category: 'formation' }),
      ).toEqual([]);
    });

    it('combines availability with dates: bookable in the range', async () => {
      expect((await found({ available: true, to: parisDateIn(50) })).sort()).toEqual(['A', 'D']);
      expect((await found({ available: true, from: parisDateIn(50) })).sort()).toEqual(['A', 'F']);
    });

    it('rejects an unknown category with 400 unknown_category', async () => {
      const response = await api()
        .get('/api/offerings')
        .query({ q: token, category: 'astrologie' });
      expectProblem(response, 400, 'unknown_category');
    });

    it('names the query parameter `category` when the category is unknown', async () => {
      const response = await api()
        .get('/api/offerings')
        .query({ q: token, category: 'astrologie' });
      expectProblem(response, 400, 'unknown_category');
      expect(fieldsOf(response)).toEqual(['category']);
    });

    it.each([
      [{ mode: 'teleport' }, 'mode'],
      [{ department: '999' }, 'department'],
      [{ department: '2C' }, 'department'],
      [{ limit: '0' }, 'limit'],
      [{ limit: '101' }, 'limit'],
      [{ limit: 'ten' }, 'limit'],
      [{ from: '31/12/2026' }, 'from'],
      [{ to: '2026-13-01' }, 'to'],
      [{ from: '2026-12-01T09:00:00' }, 'from'],
      [{ maxPriceCents: '-5' }, 'maxPriceCents'],
      [{ maxPriceCents: '12.5' }, 'maxPriceCents'],
      [{ available: 'yes' }, 'available'],
      [{ organisationId: 'not-a-uuid' }, 'organisationId'],
      [{ q: 'x'.repeat(201) }, 'q'],
      [{ sort: 'price' }, 'sort'],
    ])('refuses %j with 400 naming the field', async (query, field) => {
      const response = await api().get('/api/offerings').query(query);
      expectProblem(response, 400, 'validation_failed');
      expect([...new Set(fieldsOf(response))]).toEqual([field]);
    });

    it('answers 401 to a search or an offering read with an invalid token, instead of treating it as a visitor', async () => {
      const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.invalid';
      expectProblem(
        await api().get('/api/offerings').query({ q: token }).auth(forged, bearer),
        401,
      );
      expectProblem(await api().get(`/api/offerings/${o.A.id}`).auth(forged, bearer), 401);
      expectProblem(await api().get(`/api/offerings/${o.A.id}/sessions`).auth(forged, bearer), 401);
      expectProblem(await api().get(`/api/offerings/${o.D.id}/slots`).auth(forged, bearer), 401);
    });
  });

  describe('facets and total', () => {
    it('counts the matching offerings per category, every category listed with its labels', async () => {
      const body = await search({ q: token });
      expect(body.facets.categories.map((facet: Json) => facet.slug)).toEqual(CATEGORY_SLUGS);
      expect(body.facets.categories[0]).toEqual({
        slug: 'formation',
        labelFr: 'Formation',
        labelEn: 'Training',
        count: 2,
      });
      expect(facetCounts(body)).toEqual({
        ...noFacets,
        formation: 2,
        juridique: 2,
        'gestion-et-finance': 1,
        numerique: 1,
      });
      expect(body.total).toBe(6);
    });

    it('ignores the category filter itself in the facets, while the total counts the category', async () => {
      const body = await search({ q: token, category: 'juridique' });
      expect(letters(body).sort()).toEqual(['C', 'D']);
      expect(body.total).toBe(2);
      expect(facetCounts(body)).toEqual({
        ...noFacets,
        formation: 2,
        juridique: 2,
        'gestion-et-finance': 1,
        numerique: 1,
      });
    });

    it('applies every other filter to the facets', async () => {
      const body = await search({ q: token, department: '13', available: true });
      expect(letters(body).sort()).toEqual(['A', 'F']);
      expect(body.total).toBe(2);
      expect(facetCounts(body)).toEqual({ ...noFacets, formation: 2 });

      const remote = await search({ q: token, mode: 'remote', category: 'gestion-et-finance' });
      expect(letters(remote)).toEqual(['B']);
      expect(remote.total).toBe(1);
      expect(facetCounts(remote)).toEqual({ ...noFacets, juridique: 1, 'gestion-et-finance': 1 });
    });

    it('answers an empty page, zero total and zero facets when nothing matches', async () => {
      const body = await search({ q: `${token} ${uniqueWord()}` });
      expect(body).toEqual({
        items: [],
        nextCursor: null,
        total: 0,
        facets: { categories: expect.any(Array) },
      });
      expect(facetCounts(body)).toEqual(noFacets);
    });
  });

  describe('cursor pagination', () => {
    it('pages through ranked results two at a time: each once, in rank order, ending with a null cursor', async () => {
      const pages = await allPages({ q: pageToken, limit: 2 });
      expect(pages.map((page) => (page.items as Json[]).length)).toEqual([2, 2, 1]);
      expect(pages.map((page) => page.total)).toEqual([5, 5, 5]);
      expect(pages.at(-1)!.nextCursor).toBeNull();
      const paged = pages.flatMap(idsOf);
      expect(paged).toEqual(idsOf(await search({ q: pageToken })));
      expect(new Set(paged)).toEqual(new Set(p.map((offering) => offering.id)));
    });

    it('pages through ranked results that all tie on rank, each once', async () => {
      const pages = await allPages({ q: token, limit: 2 });
      expect(pages.map((page) => (page.items as Json[]).length)).toEqual([2, 2, 2]);
      const paged = pages.flatMap(letters);
      expect([...paged].sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
      expect(paged).toEqual(letters(await search({ q: token })));
    });

    it('pages without words newest publication first, ties broken by id, each result once', async () => {
      const [p1, p2, p3, p4, p5] = p.map((offering) => offering.id as string);
      // Three publications at the same microsecond, one a microsecond later, one a microsecond before.
      const at = '2026-03-02T10:00:00.123456Z';
      await sql(app, `UPDATE offerings SET published_at = $2::timestamptz WHERE id = ANY($1)`, [
        [p1, p2, p3],
        at,
      ]);
      await sql(
        app,
        `UPDATE offerings SET published_at = $2::timestamptz + interval '1 microsecond' WHERE id = $1`,
        [p4, at],
      );
      await sql(
        app,
        `UPDATE offerings SET published_at = $2::timestamptz - interval '1 microsecond' WHERE id = $1`,
        [p5, at],
      );
      const window = {
        from: windowStart.toISOString(),
        to: new Date(windowStart.getTime() + 10_000).toISOString(),
      };
      const expected = [p4, ...[p1, p2, p3].sort().reverse(), p5];
      expect(idsOf(await search(window))).toEqual(expected);

      const pages = await allPages({ ...window, limit: 2 });
      expect(pages.map((page) => (page.items as Json[]).length)).toEqual([2, 2, 1]);
      expect(pages.map((page) => page.total)).toEqual([5, 5, 5]);
      expect(pages.flatMap(idsOf)).toEqual(expected);
      expect(pages.at(-1)!.nextCursor).toBeNull();
    });

    it('ends without a cursor when the last page is exactly full', async () => {
      const pages = await allPages({ q: token, limit: 3 });
      expect(pages.map((page) => (page.items as Json[]).length)).toEqual([3, 3]);
      expect(pages[1].nextCursor).toBeNull();
    });

    it('refuses a cursor that is not one the api returned with 400 invalid_cursor', async () => {
      for (const cursor of ['not a cursor', forgedCursor(['x']), forgedCursor([1, 2]), 'e30']) {
        const response = await api().get('/api/offerings').query({ q: token, cursor });
        expectProblem(response, 400, 'invalid_cursor');
        expect(fieldsOf(response)).toEqual(['cursor']);
      }
    });

    it('refuses a well-formed forged cursor with 400, never 500, with or without words', async () => {
      const cursor = forgedCursor(['not-a-rank-nor-a-date', randomUUID()]);
      for (const query of [{ q: token }, {}]) {
        const response = await api()
          .get('/api/offerings')
          .query({ ...query, cursor });
        expectProblem(response, 400, 'invalid_cursor');
      }
    });

    it('refuses a cursor of a ranked search sent to a search without words (and back) with 400, never 500', async () => {
      const ranked = await search({ q: token, limit: 2 });
      const unranked = await search({ limit: 2 });
      expect(ranked.nextCursor).toEqual(expect.any(String));
      expect(unranked.nextCursor).toEqual(expect.any(String));
      const crossed = [
        await api().get('/api/offerings').query({ limit: 2, cursor: ranked.nextCursor }),
        await api()
          .get('/api/offerings')
          .query({ q: token, limit: 2, cursor: unranked.nextCursor }),
      ];
      for (const response of crossed) expectProblem(response, 400, 'invalid_cursor');
    });
  });
});
