import { randomUUID } from 'node:crypto';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Response, Test } from 'supertest';
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
  parisDateOf,
  parisTimeIn,
  plusMinutes,
  uniqueWord,
  UUID,
} from './catalogue-fixtures';

/** The next change of Paris' offset at least a week away: its date and the offsets around it. */
function nextDstChange(): { date: string; before: string; after: string } {
  const lastSunday = (year: number, monthIndex: number): string => {
    const day = new Date(Date.UTC(year, monthIndex + 1, 0));
    day.setUTCDate(day.getUTCDate() - day.getUTCDay());
    return day.toISOString().slice(0, 10);
  };
  const year = new Date().getUTCFullYear();
  const candidates = [year, year + 1].flatMap((y) => [
    { date: lastSunday(y, 2), before: '+01:00', after: '+02:00' },
    { date: lastSunday(y, 9), before: '+02:00', after: '+01:00' },
  ]);
  return candidates.find((change) => Date.parse(change.date) > Date.now() + 7 * DAY_MS)!;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

describe('catalogue: training sessions and consultation slots', () => {
  let app: NestExpressApplication;
  let consultant: TestUser;
  let otherConsultant: TestUser;
  let admin: TestUser;
  let member: TestUser;
  let c: ReturnType<typeof catalogue>;
  const token = uniqueWord();

  const api = () => c.api();
  const as = (call: Test, user?: TestUser): Test =>
    user ? call.auth(user.accessToken, bearer) : call;
  const postSession = (user: TestUser, offeringId: string, body: Json) =>
    api().post(`/api/offerings/${offeringId}/sessions`).auth(user.accessToken, bearer).send(body);
  const listSessions = (offeringId: string, user?: TestUser) =>
    as(api().get(`/api/offerings/${offeringId}/sessions`), user);
  const cancelSession = (user: TestUser, sessionId: string, body: Json = {}) =>
    api().post(`/api/sessions/${sessionId}/cancel`).auth(user.accessToken, bearer).send(body);
  const postSlots = (user: TestUser, offeringId: string, body: Json) =>
    api().post(`/api/offerings/${offeringId}/slots`).auth(user.accessToken, bearer).send(body);
  const listSlots = (offeringId: string, user?: TestUser) =>
    as(api().get(`/api/offerings/${offeringId}/slots`), user);
  const deleteSlot = (user: TestUser, slotId: string) =>
    api().delete(`/api/slots/${slotId}`).auth(user.accessToken, bearer);
  const getOffering = (offeringId: string, user?: TestUser) =>
    as(api().get(`/api/offerings/${offeringId}`), user);
  const searchItem = async (offeringId: string, words: string): Promise<Json> => {
    const response = await api().get('/api/offerings').query({ q: words, limit: 100 });
    expectStatus(response, 200);
    const item = (response.body.items as Json[]).find((found) => found.id === offeringId);
    expect(item).toBeDefined();
    return item!;
  };
  const sessionCount = async (offeringId: string): Promise<number> =>
    (
      await sql<{ n: number }[]>(
        app,
        'SELECT count(*)::int AS n FROM sessions WHERE offering_id = $1',
        [offeringId],
      )
    )[0].n;
  /** The consultant's slots that are not cancelled, overlapping [from, to). */
  const liveSlotsOf = async (user: TestUser, from: string, to: string): Promise<Json[]> =>
    sql<Json[]>(
      app,
      `SELECT id, offering_id, starts_at, ends_at, status FROM consultation_slots
        WHERE consultant_id = $1 AND status <> 'cancelled'
          AND tstzrange(starts_at, ends_at) && tstzrange($2::timestamptz, $3::timestamptz)
        ORDER BY starts_at`,
      [user.id, from, to],
    );
  const slotTimes = (slots: Json[]) =>
    slots.map((slot) => ({ startsAt: slot.startsAt as string, endsAt: slot.endsAt as string }));
  const titled = (words: string, overrides: Json = {}) =>
    offeringBody({ title: `${words} ${token} ${uniqueWord('tt')}`, ...overrides });
  const consultation = (words: string, overrides: Json = {}) =>
    consultationBody({ title: `${words} ${token} ${uniqueWord('tt')}`, ...overrides });
  const sessionBody = (days: number, overrides: Json = {}): Json => {
    const startsAt = parisTimeIn(days, '09:00');
    return {
      startsAt,
      endsAt: plusMinutes(startsAt, 420),
      capacity: 12,
      location: 'Cité des associations, 93 La Canebière, 13001 Marseille',
      ...overrides,
    };
  };

  beforeAll(async () => {
    app = await createTestApp();
    // Listening once lets concurrent requests share one server.
    await app.listen(0);
    c = catalogue(app);
    [consultant, otherConsultant, admin, member] = await Promise.all([
      userWithRoles(app, 'schedule-consultant', ['consultant']),
      userWithRoles(app, 'schedule-other-consultant', ['consultant']),
      userWithRoles(app, 'schedule-admin', ['admin']),
      userWithRoles(app, 'schedule-member', []),
    ]);
  });

  afterAll(async () => {
    await app.close();
  });

  describe('training sessions', () => {
    let onSite: Json;
    let remote: Json;
    let hybrid: Json;
    let draft: Json;
    let consultationOffering: Json;

    beforeAll(async () => {
      [onSite, remote, hybrid, draft, consultationOffering] = await Promise.all([
        c.publishedOffering(consultant, admin, titled('Présentiel')),
        c.publishedOffering(consultant, admin, titled('Distanciel', { deliveryMode: 'remote' })),
        c.publishedOffering(consultant, admin, titled('Hybride', { deliveryMode: 'hybrid' })),
        c.createOffering(consultant, titled('Brouillon à sessions')),
        c.publishedOffering(consultant, admin, consultation('Consultation sans session')),
      ]);
    });

    it('schedules a session: 201 with seatsLeft = capacity, registrations open until a day before, and the public sees it', async () => {
      const body = sessionBody(21);
      const response = await postSession(consultant, onSite.id, body);
      expect({ status: response.status, body: response.body }).toEqual({
        status: 201,
        body: {
          id: expect.stringMatching(UUID),
          offeringId: onSite.id,
          startsAt: iso(body.startsAt),
          endsAt: iso(body.endsAt),
          capacity: 12,
          seatsLeft: 12,
          location: body.location,
          remoteUrl: null,
          registrationDeadline: new Date(Date.parse(body.startsAt) - DAY_MS).toISOString(),
          status: 'scheduled',
          price: { unitPriceCents: 26000, memberPrice: false },
        },
      });
      const listed = await listSessions(onSite.id).expect(200);
      expect(listed.body).toContainEqual(response.body);
      const page = await getOffering(onSite.id).expect(200);
      expect(page.body.upcomingSessions).toContainEqual(response.body);
    });

    it('keeps a registration deadline that is given, and refuses one after the start with 400', async () => {
      const body = sessionBody(22, { registrationDeadline: parisTimeIn(15, '18:00') });
      const created = await c.schedule(consultant, onSite.id, body);
      expect(created.registrationDeadline).toBe(iso(body.registrationDeadline));

      const before = await sessionCount(onSite.id);
      const late = await postSession(
        consultant,
        onSite.id,
        sessionBody(23, { registrationDeadline: parisTimeIn(24, '09:00') }),
      );
      expectProblem(late, 400, 'invalid_session');
      expect(fieldsOf(late)).toEqual(['registrationDeadline']);
      expect(await sessionCount(onSite.id)).toBe(before);
    });

    it.each([
      ['a start in the past', () => sessionBody(-2), ['startsAt']],
      [
        'an end before the start',
        () => sessionBody(24, { endsAt: plusMinutes(parisTimeIn(24, '09:00'), -60) }),
        ['endsAt'],
      ],
      [
        'an end equal to the start',
        () => sessionBody(24, { endsAt: parisTimeIn(24, '09:00') }),
        ['endsAt'],
      ],
      [
        'no location for an on-site training',
        () => sessionBody(24, { location: undefined }),
        ['location'],
      ],
      ['a blank location', () => sessionBody(24, { location: '   ' }), ['location']],
    ])(
      'refuses %s with 400 invalid_session naming the field, and creates nothing',
      async (_label, body, fields) => {
        const before = await sessionCount(onSite.id);
        const response = await postSession(consultant, onSite.id, body());
        expectProblem(response, 400, 'invalid_session');
        expect(fieldsOf(response)).toEqual(fields);
        expect(await sessionCount(onSite.id)).toBe(before);
      },
    );

    it.each([
      ['a local time without offset', { startsAt: '2030-01-14T09:00:00' }, ['startsAt']],
      ['a capacity of 0', { capacity: 0 }, ['capacity']],
      ['a capacity given as text', { capacity: '12' }, ['capacity']],
      [
        'a remote link that is not https',
        { remoteUrl: 'http://visio.example.fr/a' },
        ['remoteUrl'],
      ],
      ['an unknown field', { seatsTaken: 3 }, ['seatsTaken']],
    ])(
      'refuses %s with 400 validation_failed naming the field',
      async (_label, overrides, fields) => {
        const before = await sessionCount(onSite.id);
        const response = await postSession(consultant, onSite.id, sessionBody(25, overrides));
        expectProblem(response, 400, 'validation_failed');
        expect([...new Set(fieldsOf(response))]).toEqual(fields);
        expect(await sessionCount(onSite.id)).toBe(before);
      },
    );

    it('requires a remote link for a remote training and both a place and a link for a hybrid one', async () => {
      const noLink = await postSession(
        consultant,
        remote.id,
        sessionBody(26, { location: undefined }),
      );
      expectProblem(noLink, 400, 'invalid_session');
      expect(fieldsOf(noLink)).toEqual(['remoteUrl']);

      const nothing = await postSession(
        consultant,
        hybrid.id,
        sessionBody(26, { location: undefined }),
      );
      expectProblem(nothing, 400, 'invalid_session');
      expect(fieldsOf(nothing).sort()).toEqual(['location', 'remoteUrl']);
      expect(await sessionCount(remote.id)).toBe(0);
      expect(await sessionCount(hybrid.id)).toBe(0);

      const remoteSession = await c.schedule(
        consultant,
        remote.id,
        sessionBody(26, { location: undefined, remoteUrl: 'https://visio.example.fr/remote' }),
      );
      expect(remoteSession).toMatchObject({
        location: null,
        remoteUrl: 'https://visio.example.fr/remote',
      });
      await c.schedule(
        consultant,
        hybrid.id,
        sessionBody(26, { remoteUrl: 'https://visio.example.fr/hybrid' }),
      );
    });

    it('hides the remote link from the public, members and other consultants, and shows it to the owner and admins', async () => {
      const remoteUrl = `https://visio.example.fr/${uniqueWord('room')}`;
      const session = await c.schedule(
        consultant,
        remote.id,
        sessionBody(27, { location: undefined, remoteUrl }),
      );
      const leaks: Response[] = [];
      for (const user of [undefined, member, otherConsultant]) {
        const listed = await listSessions(remote.id, user).expect(200);
        expect(listed.body.find((found: Json) => found.id === session.id)).toMatchObject({
          remoteUrl: null,
        });
        const page = await getOffering(remote.id, user).expect(200);
        expect(
          page.body.upcomingSessions.find((found: Json) => found.id === session.id),
        ).toMatchObject({ remoteUrl: null });
        leaks.push(listed, page);
      }
      const search = await api()
        .get('/api/offerings')
        .query({ q: `distanciel ${token}` })
        .expect(200);
      leaks.push(search);
      expect(search.body.items[0].nextSessions.length).toBeGreaterThan(0);
      for (const response of leaks) expect(response.text).not.toContain(remoteUrl);

      for (const user of [consultant, admin]) {
        const listed = await listSessions(remote.id, user).expect(200);
        expect(listed.body.find((found: Json) => found.id === session.id)).toMatchObject({
          remoteUrl,
        });
        const page = await getOffering(remote.id, user).expect(200);
        expect(
          page.body.upcomingSessions.find((found: Json) => found.id === session.id),
        ).toMatchObject({ remoteUrl });
      }
    });

    it('refuses sessions on a consultation offering with 422 wrong_offering_kind, for scheduling and listing', async () => {
      const response = await postSession(consultant, consultationOffering.id, sessionBody(28));
      expectProblem(response, 422, 'wrong_offering_kind');
      expect(await sessionCount(consultationOffering.id)).toBe(0);
      expectProblem(await listSessions(consultationOffering.id), 422, 'wrong_offering_kind');
    });

    it('refuses another consultant or a member scheduling (403 on a published offering, 404 on a draft) and lets an admin schedule', async () => {
      for (const user of [otherConsultant, member]) {
        expectProblem(
          await postSession(user, onSite.id, sessionBody(29)),
          403,
          'not_offering_owner',
        );
        expectProblem(
          await postSession(user, draft.id, sessionBody(29)),
          404,
          'offering_not_found',
        );
      }
      expect(await sessionCount(draft.id)).toBe(0);
      const byAdmin = await postSession(admin, onSite.id, sessionBody(29, { capacity: 5 }));
      expect({ status: byAdmin.status, body: byAdmin.body }).toMatchObject({
        status: 201,
        body: { offeringId: onSite.id, capacity: 5, seatsLeft: 5 },
      });
      // The owner prepares sessions of a draft, which nobody else can list.
      await c.schedule(consultant, draft.id, sessionBody(29));
      expectProblem(await listSessions(draft.id), 404, 'offering_not_found');
      expect((await listSessions(draft.id, consultant).expect(200)).body).toHaveLength(1);
    });

    it('gives no new session to an archived offering (409 offering_not_editable)', async () => {
      const archived = await c.publishedOffering(
        consultant,
        admin,
        titled('Archivée sans session'),
      );
      await c.act(consultant, archived.id, 'archive');
      expectProblem(
        await postSession(consultant, archived.id, sessionBody(30)),
        409,
        'offering_not_editable',
      );
      expect(await sessionCount(archived.id)).toBe(0);
    });

    it('cancels a session at its owner’s request: status cancelled, gone from every public list, still listed to the owner', async () => {
      const offering = await c.publishedOffering(consultant, admin, titled('Annulation'));
      const kept = await c.schedule(consultant, offering.id, sessionBody(31));
      const session = await c.schedule(consultant, offering.id, sessionBody(32));

      const response = await cancelSession(consultant, session.id, {
        reason: ' Intervenante indisponible ',
      });
      expect({ status: response.status, body: response.body }).toMatchObject({
        status: 200,
        body: { session: { id: session.id, status: 'cancelled' }, cancelledBookings: [] },
      });
      const rows = await sql<Json[]>(
        app,
        'SELECT status, cancellation_reason, cancelled_at IS NOT NULL AS dated FROM sessions WHERE id = $1',
        [session.id],
      );
      expect(rows).toEqual([
        { status: 'cancelled', cancellation_reason: 'Intervenante indisponible', dated: true },
      ]);

      const publicList = await listSessions(offering.id).expect(200);
      expect(publicList.body.map((found: Json) => found.id)).toEqual([kept.id]);
      const page = await getOffering(offering.id).expect(200);
      expect(page.body.upcomingSessions.map((found: Json) => found.id)).toEqual([kept.id]);
      const item = await searchItem(offering.id, `annulation ${token}`);
      expect(item.nextSessions.map((found: Json) => found.id)).toEqual([kept.id]);

      const ownerList = await listSessions(offering.id, consultant).expect(200);
      expect(ownerList.body.map((found: Json) => ({ id: found.id, status: found.status }))).toEqual(
        [
          { id: kept.id, status: 'scheduled' },
          { id: session.id, status: 'cancelled' },
        ],
      );
    });

    it('answers 409 session_not_cancellable to cancelling twice, and keeps the first reason', async () => {
      const session = await c.schedule(consultant, onSite.id, sessionBody(33));
      await cancelSession(consultant, session.id, { reason: 'Première raison' }).expect(200);
      const again = await cancelSession(admin, session.id, { reason: 'Seconde raison' });
      expectProblem(again, 409, 'session_not_cancellable');
      const rows = await sql<Json[]>(
        app,
        'SELECT cancellation_reason FROM sessions WHERE id = $1',
        [session.id],
      );
      expect(rows).toEqual([{ cancellation_reason: 'Première raison' }]);
    });

    it('refuses others cancelling (403 on a published offering, 404 when they cannot see it) and lets an admin cancel', async () => {
      const session = await c.schedule(consultant, onSite.id, sessionBody(34));
      const draftSession = await c.schedule(consultant, draft.id, sessionBody(34));
      for (const user of [otherConsultant, member]) {
        expectProblem(await cancelSession(user, session.id), 403, 'not_offering_owner');
        expectProblem(await cancelSession(user, draftSession.id), 404, 'session_not_found');
      }
      expectProblem(await cancelSession(consultant, randomUUID()), 404, 'session_not_found');
      const statuses = await sql<Json[]>(
        app,
        'SELECT status FROM sessions WHERE id = ANY($1) ORDER BY status',
        [[session.id, draftSession.id]],
      );
      expect(statuses).toEqual([{ status: 'scheduled' }, { status: 'scheduled' }]);
      const byAdmin = await cancelSession(admin, session.id);
      expect({ status: byAdmin.status, body: byAdmin.body }).toMatchObject({
        status: 200,
        body: { session: { id: session.id, status: 'cancelled' } },
      });
    });

    it('shows seatsLeft as exactly capacity minus the seats taken, everywhere', async () => {
      const offering = await c.publishedOffering(consultant, admin, titled('Places restantes'));
      const session = await c.schedule(consultant, offering.id, sessionBody(35, { capacity: 12 }));
      for (const [taken, left] of [
        [7, 5],
        [11, 1],
        [12, 0],
        [0, 12],
      ]) {
        await sql(app, 'UPDATE sessions SET seats_taken = $2 WHERE id = $1', [session.id, taken]);
        const listed = await listSessions(offering.id).expect(200);
        expect(listed.body.map((found: Json) => [found.capacity, found.seatsLeft])).toEqual([
          [12, left],
        ]);
        const page = await getOffering(offering.id).expect(200);
        expect(page.body.upcomingSessions[0].seatsLeft).toBe(left);
        const item = await searchItem(offering.id, `places ${token}`);
        expect(item.nextSessions[0].seatsLeft).toBe(left);
      }
    });

    it('drops a session that has begun from the public lists, while its owner still sees it', async () => {
      const offering = await c.publishedOffering(consultant, admin, titled('Session passée'));
      const past = await c.schedule(consultant, offering.id, sessionBody(37));
      const future = await c.schedule(consultant, offering.id, sessionBody(38));
      await sql(
        app,
        `UPDATE sessions SET starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour',
                             registration_deadline = now() - interval '3 hours' WHERE id = $1`,
        [past.id],
      );
      const publicList = await listSessions(offering.id).expect(200);
      expect(publicList.body.map((found: Json) => found.id)).toEqual([future.id]);
      const page = await getOffering(offering.id).expect(200);
      expect(page.body.upcomingSessions.map((found: Json) => found.id)).toEqual([future.id]);
      const ownerList = await listSessions(offering.id, consultant).expect(200);
      expect(ownerList.body.map((found: Json) => found.id)).toEqual([past.id, future.id]);
    });

    it('has the database refuse seats taken above the capacity (or below zero) with a check violation', async () => {
      const session = await c.schedule(consultant, onSite.id, sessionBody(36, { capacity: 3 }));
      await sql(app, 'UPDATE sessions SET seats_taken = 3 WHERE id = $1', [session.id]);
      for (const statement of [
        'UPDATE sessions SET seats_taken = capacity + 1 WHERE id = $1',
        'UPDATE sessions SET seats_taken = seats_taken + 1 WHERE id = $1',
        'UPDATE sessions SET seats_taken = -1 WHERE id = $1',
        'UPDATE sessions SET capacity = 2 WHERE id = $1',
      ]) {
        await expect(sql(app, statement, [session.id])).rejects.toMatchObject({
          code: '23514',
          constraint: 'sessions_seats_within_capacity',
        });
      }
      const rows = await sql<Json[]>(
        app,
        'SELECT capacity, seats_taken FROM sessions WHERE id = $1',
        [session.id],
      );
      expect(rows).toEqual([{ capacity: 3, seats_taken: 3 }]);
    });
  });

  describe('consultation slots', () => {
    let mine: Json;
    let mineToo: Json;
    let mineDraft: Json;
    let theirs: Json;
    let training: Json;

    beforeAll(async () => {
      [mine, mineToo, mineDraft, theirs, training] = await Promise.all([
        c.publishedOffering(consultant, admin, consultation('Conseil juridique')),
        c.publishedOffering(consultant, admin, consultation('Conseil fiscal')),
        c.createOffering(consultant, consultation('Conseil en préparation')),
        c.publishedOffering(otherConsultant, admin, consultation('Conseil concurrent')),
        c.publishedOffering(consultant, admin, titled('Formation sans créneau')),
      ]);
    });

    it('opens slots one by one: 201 with each slot open, at the instants given, with the price', async () => {
      const first = parisTimeIn(40, '10:00');
      const second = parisTimeIn(40, '14:30');
      const response = await postSlots(consultant, mine.id, {
        slots: [
          { startsAt: second, endsAt: plusMinutes(second, 60) },
          { startsAt: first, endsAt: plusMinutes(first, 45) },
        ],
      });
      expect({ status: response.status, body: response.body }).toEqual({
        status: 201,
        body: [
          {
            id: expect.stringMatching(UUID),
            offeringId: mine.id,
            startsAt: iso(first),
            endsAt: plusMinutes(first, 45),
            status: 'open',
            price: { unitPriceCents: 12000, memberPrice: false },
          },
          {
            id: expect.stringMatching(UUID),
            offeringId: mine.id,
            startsAt: iso(second),
            endsAt: plusMinutes(second, 60),
            status: 'open',
            price: { unitPriceCents: 12000, memberPrice: false },
          },
        ],
      });
      const listed = await listSlots(mine.id).expect(200);
      for (const slot of response.body) expect(listed.body).toContainEqual(slot);
    });

    it('opens a weekly pattern at Paris local times, across a change of summer time', async () => {
      const patternConsultant = await userWithRoles(app, 'schedule-pattern', ['consultant']);
      const offering = await c.createOffering(
        patternConsultant,
        consultation('Permanence hebdomadaire'),
      );
      const change = nextDstChange();
      const from = addDays(change.date, -3);
      const to = addDays(change.date, 3);
      const slots = await c.openSlots(patternConsultant, offering.id, {
        pattern: {
          from,
          to,
          weekdays: [1, 2, 3, 4, 5, 6, 7],
          startTimes: ['14:00', '09:30', '14:00'],
          durationMinutes: 45,
        },
      });
      const expected: { startsAt: string; endsAt: string }[] = [];
      for (let day = from; day <= to; day = addDays(day, 1)) {
        const offset = day < change.date ? change.before : change.after;
        for (const time of ['09:30', '14:00']) {
          const startsAt = iso(`${day}T${time}:00${offset}`);
          expected.push({ startsAt, endsAt: plusMinutes(startsAt, 45) });
        }
      }
      expect(expected).toHaveLength(14);
      expect(slotTimes(slots)).toEqual(expected);
      // On either side of the change, 09:30 in Paris is a different hour in UTC.
      expect(new Date(slots[0].startsAt).getUTCHours()).not.toBe(
        new Date(slots[13].startsAt).getUTCHours(),
      );
      const listed = await listSlots(offering.id, patternConsultant).expect(200);
      expect(slotTimes(listed.body)).toEqual(expected);
    });

    it('opens a pattern on the chosen weekdays only, lasting the offering’s duration by default', async () => {
      // Three weeks from a Monday 70 days ahead or so (no other slot of this file is there):
      // Mondays and Wednesdays at 10:00.
      let start = parisDateOf(new Date(Date.now() + 70 * DAY_MS));
      while (new Date(`${start}T12:00:00Z`).getUTCDay() !== 1) start = addDays(start, 1);
      const slots = await c.openSlots(consultant, mineToo.id, {
        pattern: { from: start, to: addDays(start, 20), weekdays: [3, 1], startTimes: ['10:00'] },
      });
      expect(slots).toHaveLength(6);
      const days = [0, 2, 7, 9, 14, 16].map((offset) => addDays(start, offset));
      expect(slots.map((slot) => parisDateOf(new Date(slot.startsAt)))).toEqual(days);
      for (const slot of slots) {
        expect(new Date(slot.endsAt).getTime() - new Date(slot.startsAt).getTime()).toBe(
          60 * 60_000,
        );
        expect(
          new Intl.DateTimeFormat('fr-FR', {
            timeZone: 'Europe/Paris',
            hour: '2-digit',
            minute: '2-digit',
          }).format(new Date(slot.startsAt)),
        ).toBe('10:00');
      }
    });

    it('lists only free slots to come: a booked, a withdrawn or a past slot leaves the list', async () => {
      const times = ['09:00', '10:00', '11:00', '12:00'].map((time) => parisTimeIn(41, time));
      const slots = await c.openSlots(consultant, mine.id, {
        slots: times.map((startsAt) => ({ startsAt, endsAt: plusMinutes(startsAt, 50) })),
      });
      const [booked, withdrawn, past, free] = slots;
      await sql(app, `UPDATE consultation_slots SET status = 'booked' WHERE id = $1`, [booked.id]);
      await deleteSlot(consultant, withdrawn.id).expect(204);
      await sql(
        app,
        `UPDATE consultation_slots SET starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour' WHERE id = $1`,
        [past.id],
      );

      const ids = (body: Json[]) => body.map((slot) => slot.id as string);
      const mineIds = slots.map((slot) => slot.id as string);
      for (const user of [undefined, member, consultant]) {
        const listed = await listSlots(mine.id, user).expect(200);
        expect(ids(listed.body).filter((id) => mineIds.includes(id))).toEqual([free.id]);
        expect(listed.body.every((slot: Json) => slot.status === 'open')).toBe(true);
        expect(listed.body.every((slot: Json) => Date.parse(slot.startsAt) > Date.now())).toBe(
          true,
        );
      }
      const page = await getOffering(mine.id).expect(200);
      expect(ids(page.body.freeSlots).filter((id) => mineIds.includes(id))).toEqual([free.id]);
    });

    it('refuses a slot overlapping another of the same offering with 409 slots_overlap, and creates nothing', async () => {
      const start = parisTimeIn(42, '10:00');
      await c.openSlots(consultant, mine.id, {
        slots: [{ startsAt: start, endsAt: plusMinutes(start, 60) }],
      });
      const before = await liveSlotsOf(
        consultant,
        plusMinutes(start, -600),
        plusMinutes(start, 600),
      );

      const response = await postSlots(consultant, mine.id, {
        slots: [
          { startsAt: plusMinutes(start, 120), endsAt: plusMinutes(start, 180) },
          { startsAt: plusMinutes(start, 30), endsAt: plusMinutes(start, 90) },
        ],
      });
      expectProblem(response, 409, 'slots_overlap');
      expect(
        await liveSlotsOf(consultant, plusMinutes(start, -600), plusMinutes(start, 600)),
      ).toEqual(before);
    });

    it('refuses a slot overlapping one of another offering of the same consultant with 409, and creates nothing', async () => {
      const start = parisTimeIn(43, '10:00');
      await c.openSlots(consultant, mine.id, {
        slots: [{ startsAt: start, endsAt: plusMinutes(start, 60) }],
      });
      const window = [plusMinutes(start, -600), plusMinutes(start, 600)] as const;
      const before = await liveSlotsOf(consultant, ...window);

      for (const offering of [mineToo, mineDraft]) {
        const response = await postSlots(consultant, offering.id, {
          slots: [{ startsAt: plusMinutes(start, 59), endsAt: plusMinutes(start, 119) }],
        });
        expectProblem(response, 409, 'slots_overlap');
        const byPattern = await postSlots(consultant, offering.id, {
          pattern: {
            from: parisDateOf(new Date(start)),
            to: parisDateOf(new Date(start)),
            weekdays: [1, 2, 3, 4, 5, 6, 7],
            startTimes: ['08:00', '09:30'],
          },
        });
        expectProblem(byPattern, 409, 'slots_overlap');
      }
      expect(await liveSlotsOf(consultant, ...window)).toEqual(before);
    });

    it('refuses overlapping slots within one request with 409, and creates none of them', async () => {
      const start = parisTimeIn(44, '10:00');
      const window = [plusMinutes(start, -600), plusMinutes(start, 600)] as const;
      for (const body of [
        {
          slots: [
            { startsAt: start, endsAt: plusMinutes(start, 60) },
            { startsAt: plusMinutes(start, 120), endsAt: plusMinutes(start, 180) },
            { startsAt: plusMinutes(start, 30), endsAt: plusMinutes(start, 90) },
          ],
        },
        {
          slots: [{ startsAt: plusMinutes(start, 30), endsAt: plusMinutes(start, 90) }],
          pattern: {
            from: parisDateOf(new Date(start)),
            to: parisDateOf(new Date(start)),
            weekdays: [1, 2, 3, 4, 5, 6, 7],
            startTimes: ['10:00'],
          },
        },
        {
          pattern: {
            from: parisDateOf(new Date(start)),
            to: parisDateOf(new Date(start)),
            weekdays: [1, 2, 3, 4, 5, 6, 7],
            startTimes: ['10:00', '10:30'],
          },
        },
      ]) {
        expectProblem(await postSlots(consultant, mine.id, body), 409, 'slots_overlap');
      }
      expect(await liveSlotsOf(consultant, ...window)).toEqual([]);
    });

    it('accepts slots that only touch: one ends when the next starts', async () => {
      const start = parisTimeIn(45, '10:00');
      const slots = await c.openSlots(consultant, mine.id, {
        slots: [
          { startsAt: start, endsAt: plusMinutes(start, 60) },
          { startsAt: plusMinutes(start, 60), endsAt: plusMinutes(start, 120) },
        ],
      });
      expect(slots).toHaveLength(2);
      const after = await c.openSlots(consultant, mineToo.id, {
        slots: [{ startsAt: plusMinutes(start, 120), endsAt: plusMinutes(start, 180) }],
      });
      expect(after).toHaveLength(1);
    });

    it('lets two consultants hold slots at the same time', async () => {
      const start = parisTimeIn(46, '10:00');
      const body = { slots: [{ startsAt: start, endsAt: plusMinutes(start, 60) }] };
      const [one, two] = [
        await postSlots(consultant, mine.id, body),
        await postSlots(otherConsultant, theirs.id, body),
      ];
      expectStatus(one, 201);
      expectStatus(two, 201);
      expect(one.body[0].startsAt).toBe(two.body[0].startsAt);
    });

    it('RACE: of concurrent requests opening overlapping slots for one consultant, on two offerings, exactly one succeeds', async () => {
      const raceConsultant = await userWithRoles(app, 'schedule-race', ['consultant']);
      const [first, second] = await Promise.all([
        c.createOffering(raceConsultant, consultation('Course A')),
        c.createOffering(raceConsultant, consultation('Course B')),
      ]);
      for (const days of [47, 48, 49]) {
        const base = parisTimeIn(days, '10:00');
        // Every one of these contains [base + 20 min, base + 40 min): they all overlap pairwise.
        const requests = Array.from({ length: 10 }, (_, index) => {
          const startsAt = plusMinutes(base, (index % 5) * 5);
          return postSlots(raceConsultant, index % 2 === 0 ? first.id : second.id, {
            slots: [{ startsAt, endsAt: plusMinutes(startsAt, 40) }],
          });
        });
        const responses = await Promise.all(requests);
        const statuses = responses.map((response) => response.status).sort();
        expect({ days, statuses }).toEqual({ days, statuses: [201, ...Array(9).fill(409)] });
        for (const response of responses.filter((found) => found.status === 409)) {
          expectProblem(response, 409, 'slots_overlap');
        }
        const winner = responses.find((response) => response.status === 201)!;
        const live = await liveSlotsOf(
          raceConsultant,
          plusMinutes(base, -120),
          plusMinutes(base, 240),
        );
        expect(live.map((slot) => slot.id)).toEqual([winner.body[0].id]);
      }
    });

    it('withdraws a free slot (204), whose time can then be opened again; refuses a booked one with 409', async () => {
      const start = parisTimeIn(51, '10:00');
      const [free, booked] = await c.openSlots(consultant, mine.id, {
        slots: [
          { startsAt: start, endsAt: plusMinutes(start, 60) },
          { startsAt: plusMinutes(start, 120), endsAt: plusMinutes(start, 180) },
        ],
      });
      await sql(app, `UPDATE consultation_slots SET status = 'booked' WHERE id = $1`, [booked.id]);

      await deleteSlot(consultant, free.id).expect(204);
      expectProblem(await deleteSlot(consultant, free.id), 409, 'slot_not_cancellable');
      expectProblem(await deleteSlot(consultant, booked.id), 409, 'slot_not_cancellable');
      const rows = await sql<Json[]>(
        app,
        'SELECT id, status FROM consultation_slots WHERE id = ANY($1) ORDER BY starts_at',
        [[free.id, booked.id]],
      );
      expect(rows).toEqual([
        { id: free.id, status: 'cancelled' },
        { id: booked.id, status: 'booked' },
      ]);
      const listed = await listSlots(mine.id).expect(200);
      expect(listed.body.map((slot: Json) => slot.id)).not.toContain(free.id);

      const reopened = await c.openSlots(consultant, mineToo.id, {
        slots: [{ startsAt: start, endsAt: plusMinutes(start, 60) }],
      });
      expect(reopened).toHaveLength(1);
    });

    it('refuses others withdrawing a slot (403 on a published offering, 404 when they cannot see it) and lets an admin withdraw', async () => {
      const start = parisTimeIn(52, '10:00');
      const [published] = await c.openSlots(consultant, mine.id, {
        slots: [{ startsAt: start, endsAt: plusMinutes(start, 60) }],
      });
      const [hidden] = await c.openSlots(consultant, mineDraft.id, {
        slots: [{ startsAt: plusMinutes(start, 120), endsAt: plusMinutes(start, 180) }],
      });
      for (const user of [otherConsultant, member]) {
        expectProblem(await deleteSlot(user, published.id), 403, 'not_offering_owner');
        expectProblem(await deleteSlot(user, hidden.id), 404, 'slot_not_found');
      }
      expectProblem(await deleteSlot(consultant, randomUUID()), 404, 'slot_not_found');
      const open = await sql<Json[]>(
        app,
        `SELECT count(*)::int AS n FROM consultation_slots WHERE id = ANY($1) AND status = 'open'`,
        [[published.id, hidden.id]],
      );
      expect(open).toEqual([{ n: 2 }]);
      await deleteSlot(admin, published.id).expect(204);
    });

    it('lets only the owner open slots: 403 on a published offering, 404 on a draft, and nothing is created', async () => {
      const start = parisTimeIn(53, '10:00');
      const body = { slots: [{ startsAt: start, endsAt: plusMinutes(start, 60) }] };
      for (const user of [otherConsultant, member]) {
        expectProblem(await postSlots(user, mine.id, body), 403, 'not_offering_owner');
        expectProblem(await postSlots(user, mineDraft.id, body), 404, 'offering_not_found');
      }
      expectProblem(await postSlots(admin, mine.id, body), 403, 'not_offering_owner');
      const created = await sql<Json[]>(
        app,
        `SELECT count(*)::int AS n FROM consultation_slots WHERE offering_id = ANY($1) AND starts_at = $2`,
        [[mine.id, mineDraft.id], start],
      );
      expect(created).toEqual([{ n: 0 }]);
    });

    it('keeps the slots of a draft to its consultant: 404 to the public', async () => {
      const start = parisTimeIn(54, '10:00');
      await c.openSlots(consultant, mineDraft.id, {
        slots: [{ startsAt: start, endsAt: plusMinutes(start, 60) }],
      });
      expectProblem(await listSlots(mineDraft.id), 404, 'offering_not_found');
      expectProblem(await listSlots(mineDraft.id, member), 404, 'offering_not_found');
      const own = await listSlots(mineDraft.id, consultant).expect(200);
      expect(own.body.map((slot: Json) => slot.startsAt)).toContain(iso(start));
    });

    it('refuses slots on a training with 422 wrong_offering_kind, for opening and listing', async () => {
      const start = parisTimeIn(55, '10:00');
      const response = await postSlots(consultant, training.id, {
        slots: [{ startsAt: start, endsAt: plusMinutes(start, 60) }],
      });
      expectProblem(response, 422, 'wrong_offering_kind');
      expectProblem(await listSlots(training.id), 422, 'wrong_offering_kind');
    });

    it.each([
      [
        'a slot in the past',
        () => ({
          slots: [{ startsAt: parisTimeIn(-1, '10:00'), endsAt: parisTimeIn(-1, '11:00') }],
        }),
        ['slots.0.startsAt'],
      ],
      [
        'a slot ending before it starts',
        () => ({
          slots: [{ startsAt: parisTimeIn(56, '10:00'), endsAt: parisTimeIn(56, '09:00') }],
        }),
        ['slots.0.endsAt'],
      ],
      [
        'a slot of more than 8 hours',
        () => ({
          slots: [{ startsAt: parisTimeIn(56, '08:00'), endsAt: parisTimeIn(56, '16:30') }],
        }),
        ['slots.0.endsAt'],
      ],
      ['no slot at all', () => ({}), ['slots']],
      [
        'a pattern over more than 366 days',
        () => ({
          pattern: {
            from: parisDateOf(new Date(Date.now() + 60 * DAY_MS)),
            to: parisDateOf(new Date(Date.now() + 428 * DAY_MS)),
            weekdays: [1],
            startTimes: ['10:00'],
          },
        }),
        ['pattern.to'],
      ],
      [
        'a pattern giving more than 500 slots',
        () => ({
          pattern: {
            from: parisDateOf(new Date(Date.now() + 200 * DAY_MS)),
            to: parisDateOf(new Date(Date.now() + 220 * DAY_MS)),
            weekdays: [1, 2, 3, 4, 5, 6, 7],
            startTimes: Array.from(
              { length: 24 },
              (_, hour) => `${String(hour).padStart(2, '0')}:00`,
            ),
            durationMinutes: 15,
          },
        }),
        ['pattern'],
      ],
      [
        'a pattern starting on 30 February',
        () => ({
          pattern: {
            from: `${new Date().getUTCFullYear() + 1}-02-30`,
            to: `${new Date().getUTCFullYear() + 1}-03-02`,
            weekdays: [1],
            startTimes: ['10:00'],
          },
        }),
        ['pattern.from'],
      ],
      [
        'a pattern ending before it starts',
        () => ({
          pattern: {
            from: parisDateOf(new Date(Date.now() + 60 * DAY_MS)),
            to: parisDateOf(new Date(Date.now() + 57 * DAY_MS)),
            weekdays: [1],
            startTimes: ['10:00'],
          },
        }),
        ['pattern.to'],
      ],
    ])(
      'refuses %s with 400 invalid_slot naming the field, and creates nothing',
      async (_label, body, fields) => {
        const before = await liveSlotsOf(
          consultant,
          new Date(0).toISOString(),
          '2100-01-01T00:00:00Z',
        );
        const response = await postSlots(consultant, mineToo.id, body());
        expectProblem(response, 400, 'invalid_slot');
        expect([...new Set(fieldsOf(response))]).toEqual(fields);
        expect(
          await liveSlotsOf(consultant, new Date(0).toISOString(), '2100-01-01T00:00:00Z'),
        ).toEqual(before);
      },
    );

    it.each([
      ['a weekday 8', { weekdays: [8] }, 'pattern.weekdays'],
      ['a start time 25:00', { startTimes: ['25:00'] }, 'pattern.startTimes'],
      ['a date that is no date', { from: '2027-02-30x' }, 'pattern.from'],
    ])(
      'refuses a pattern with %s with 400 validation_failed naming the field',
      async (_label, overrides, field) => {
        const response = await postSlots(consultant, mineToo.id, {
          pattern: {
            from: parisDateOf(new Date(Date.now() + 57 * DAY_MS)),
            to: parisDateOf(new Date(Date.now() + 60 * DAY_MS)),
            weekdays: [1],
            startTimes: ['10:00'],
            ...overrides,
          },
        });
        expectProblem(response, 400, 'validation_failed');
        expect([...new Set(fieldsOf(response))]).toEqual([field]);
      },
    );
  });
});
