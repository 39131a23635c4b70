import { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { insertOrganisations, insertPublishedSession } from '@mutualis/testing';
import { registerAndLogIn, TestUser, userWithRoles } from '../support/api-client';
import { expectProblem } from '../support/expectations';
import { createTestApp } from '../support/test-app';
import {
  attendees,
  bookingApi,
  insertConsultationOffering,
  Json,
  organisationState,
  sessionState,
} from './booking-fixtures';

// The squatting cap: an organisation (and a user, over all their organisations) holds at most
// BOOKING_UNPAID_PLACES_PER_ORGANISATION / _PER_USER places awaiting payment at once. The test
// environment lifts both for the other specs; this one sets the production defaults (10, 10).
const LIMIT = 10;
const DEFAULT_LIMITS = {
  BOOKING_UNPAID_PLACES_PER_ORGANISATION: String(LIMIT),
  BOOKING_UNPAID_PLACES_PER_USER: String(LIMIT),
};

describe('unpaid places held per organisation and per user', () => {
  let app: NestExpressApplication;
  let db: DataSource;
  let api: ReturnType<typeof bookingApi>;
  let admin: TestUser;

  beforeAll(async () => {
    app = await createTestApp({ DATABASE_POOL_SIZE: '20', ...DEFAULT_LIMITS });
    db = app.get(DataSource);
    api = bookingApi(app);
    admin = await userWithRoles(app, 'holds-admin', ['admin']);
  });

  afterAll(async () => {
    await app.close();
  });

  const session = async (capacity = 40) =>
    (await insertPublishedSession(db, { capacity })).sessionId;

  /** A user who is a member of `count` new organisations (non-members of the Chambre: the squatter). */
  async function booker(label: string, count = 1): Promise<{ user: TestUser; orgs: string[] }> {
    const user = await registerAndLogIn(app, label);
    const orgs = await insertOrganisations(db, user.id, count, null);
    return { user, orgs };
  }

  /** Makes `user` an org member of `organisationId` too. */
  async function join(user: TestUser, organisationId: string): Promise<void> {
    await db.query(
      `INSERT INTO organisation_members (organisation_id, user_id, role) VALUES ($1, $2, 'org_member')`,
      [organisationId, user.id],
    );
  }

  it('refuses a booking that would take an organisation past its unpaid places, saying the limit, what is held and how to free it', async () => {
    const { user, orgs } = await booker('squatter');
    const sessionId = await session();
    const first = await api.booked(
      user,
      { organisationId: orgs[0], sessionId, attendees: attendees(LIMIT) },
      'pending_payment',
    );
    expect(first.unpaidPlaces).toEqual({
      organisation: { limit: LIMIT, held: LIMIT },
      user: { limit: LIMIT, held: LIMIT },
      remaining: 0,
    });

    // Another session, another colleague of the same organisation: still refused.
    const colleague = await registerAndLogIn(app, 'squatter-colleague');
    await join(colleague, orgs[0]);
    const other = await session();
    const before = await sessionState(db, other);
    const orgBefore = await organisationState(db, orgs[0]);
    const refused = await api.book(colleague, {
      organisationId: orgs[0],
      sessionId: other,
      attendees: attendees(1),
    });
    expectProblem(refused, 409, 'unpaid_places_limit');
    expect(refused.body.detail).toContain(`already holds ${LIMIT} unpaid place(s)`);
    expect(refused.body.detail).toContain(`at most ${LIMIT} at once`);
    expect(refused.body.detail).toMatch(/pay or cancel/i);
    expect(refused.body.errors).toEqual([
      { field: 'attendees', message: 'at most 0 more unpaid place(s) for now' },
    ]);
    // The same facts, machine-readable (RFC 9457 extension members), for clients to word.
    expect(refused.body).toMatchObject({
      scope: 'organisation',
      limit: LIMIT,
      held: LIMIT,
      requested: 1,
    });
    // Nothing was taken or written.
    expect(await sessionState(db, other)).toEqual(before);
    expect(await organisationState(db, orgs[0])).toEqual(orgBefore);
  });

  it('counts every held place of the organisation and answers the allowance left', async () => {
    const { user, orgs } = await booker('counter');
    const first = await api.booked(user, {
      organisationId: orgs[0],
      sessionId: await session(),
      attendees: attendees(3),
    });
    expect(first.unpaidPlaces).toMatchObject({ organisation: { held: 3 }, remaining: 7 });
    const second = await api.booked(user, {
      organisationId: orgs[0],
      sessionId: await session(),
      attendees: attendees(7),
    });
    expect(second.unpaidPlaces).toMatchObject({ organisation: { held: 10 }, remaining: 0 });
    const refused = await api.book(user, {
      organisationId: orgs[0],
      sessionId: await session(),
      attendees: attendees(1),
    });
    expectProblem(refused, 409, 'unpaid_places_limit');
    // A single booking bigger than the limit can never be held.
    const { user: big, orgs: bigOrgs } = await booker('too-many');
    const tooMany = await api.book(big, {
      organisationId: bigOrgs[0],
      sessionId: await session(),
      attendees: attendees(LIMIT + 1),
    });
    expectProblem(tooMany, 409, 'unpaid_places_limit');
    expect(tooMany.body.errors[0].message).toBe(`at most ${LIMIT} more unpaid place(s) for now`);
  });

  it('caps a user across all their organisations, so new organisations multiply nothing', async () => {
    const { user, orgs } = await booker('many-orgs', 3);
    await api.booked(user, {
      organisationId: orgs[0],
      sessionId: await session(),
      attendees: attendees(6),
    });
    const second = await api.booked(user, {
      organisationId: orgs[1],
      sessionId: await session(),
      attendees: attendees(4),
    });
    expect(second.unpaidPlaces).toEqual({
      organisation: { limit: LIMIT, held: 4 },
      user: { limit: LIMIT, held: 10 },
      remaining: 0,
    });
    const refused = await api.book(user, {
      organisationId: orgs[2],
      sessionId: await session(),
      attendees: attendees(1),
    });
    expectProblem(refused, 409, 'unpaid_places_limit');
    expect(refused.body.detail).toContain(
      `you already hold ${LIMIT} unpaid place(s) across your organisations`,
    );
    expect(refused.body).toMatchObject({ scope: 'user', limit: LIMIT, held: LIMIT, requested: 1 });
  });

  it('frees places once a booking is paid (confirmed), cancelled or its hold has lapsed', async () => {
    const { user, orgs } = await booker('payer');
    const held = await api.booked(user, {
      organisationId: orgs[0],
      sessionId: await session(),
      attendees: attendees(LIMIT),
    });
    const next = { organisationId: orgs[0], attendees: attendees(4) };
    expectProblem(
      await api.book(user, { ...next, sessionId: await session() }),
      409,
      'unpaid_places_limit',
    );

    // Paid: confirmed bookings never count.
    expect((await api.confirm(admin, held.id)).status).toBe(200);
    const afterPaying = await api.booked(
      user,
      { ...next, sessionId: await session() },
      'pending_payment',
    );
    expect(afterPaying.unpaidPlaces).toMatchObject({ organisation: { held: 4 }, remaining: 6 });

    // Cancelled: no longer held.
    const more = await api.booked(user, {
      organisationId: orgs[0],
      sessionId: await session(),
      attendees: attendees(6),
    });
    expectProblem(
      await api.book(user, {
        organisationId: orgs[0],
        sessionId: await session(),
        attendees: attendees(1),
      }),
      409,
      'unpaid_places_limit',
    );
    expect((await api.cancel(user, more.id)).status).toBe(200);
    const afterCancelling = await api.booked(user, {
      organisationId: orgs[0],
      sessionId: await session(),
      attendees: attendees(6),
    });

    // A hold past its expiry (its job not yet run) holds nothing.
    await db.query(
      `UPDATE bookings SET hold_expires_at = now() - interval '1 second' WHERE id = ANY($1)`,
      [[afterPaying.id, afterCancelling.id]],
    );
    const afterLapse = await api.booked(user, {
      organisationId: orgs[0],
      sessionId: await session(),
      attendees: attendees(LIMIT),
    });
    expect(afterLapse.unpaidPlaces).toMatchObject({ organisation: { held: LIMIT }, remaining: 0 });
  });

  it('still lets a full session waitlist the organisation (no seat is held), and counts a waitlist offer', async () => {
    const { user, orgs } = await booker('waiter');
    await api.booked(user, {
      organisationId: orgs[0],
      sessionId: await session(),
      attendees: attendees(LIMIT),
    });
    const full = await session(1);
    const { user: other, orgs: otherOrgs } = await booker('seat-taker');
    const taken = await api.booked(other, {
      organisationId: otherOrgs[0],
      sessionId: full,
      attendees: attendees(1),
    });
    const waiting = await api.booked(
      user,
      { organisationId: orgs[0], sessionId: full, attendees: attendees(1) },
      'waitlisted',
    );
    expect(waiting.unpaidPlaces).toMatchObject({ organisation: { held: LIMIT } });

    // The seat is released and offered to the waiting organisation: an offer holds a place.
    expect((await api.cancel(other, taken.id)).status).toBe(200);
    const [offered] = await db.query<{ status: string }[]>(
      `SELECT status FROM bookings WHERE id = $1`,
      [waiting.id],
    );
    expect(offered.status).toBe('offered');
    const { user: colleague } = { user: await registerAndLogIn(app, 'waiter-colleague') };
    await join(colleague, orgs[0]);
    const refused = await api.book(colleague, {
      organisationId: orgs[0],
      sessionId: await session(),
      attendees: attendees(1),
    });
    expectProblem(refused, 409, 'unpaid_places_limit');
    expect(refused.body.detail).toContain(`already holds ${LIMIT + 1} unpaid place(s)`);
  });

  it('counts a consultation slot awaiting payment as one place, whatever its attendees', async () => {
    const { user, orgs } = await booker('consulting');
    await api.booked(user, {
      organisationId: orgs[0],
      sessionId: await session(),
      attendees: attendees(LIMIT - 1),
    });
    const consultant = await userWithRoles(app, 'holds-consultant', ['consultant']);
    const offeringId = await insertConsultationOffering(db, consultant.id);
    const day = new Date(Date.now() + 10 * 86_400_000);
    day.setUTCHours(9, 0, 0, 0);
    const start = day.getTime();
    const opened = await api
      .api()
      .post(`/api/offerings/${offeringId}/slots`)
      .auth(consultant.accessToken, { type: 'bearer' })
      .send({
        slots: [0, 1].map((index) => ({
          startsAt: new Date(start + index * 3_600_000).toISOString(),
          endsAt: new Date(start + (index + 1) * 3_600_000).toISOString(),
        })),
      });
    expect(opened.status).toBe(201);
    const slots = opened.body as Json[];
    const slot = await api.booked(user, {
      organisationId: orgs[0],
      slotId: slots[0].id,
      attendees: attendees(3),
    });
    expect(slot.unpaidPlaces).toMatchObject({ organisation: { held: LIMIT }, remaining: 0 });
    const refused = await api.book(user, {
      organisationId: orgs[0],
      slotId: slots[1].id,
      attendees: attendees(1),
    });
    expectProblem(refused, 409, 'unpaid_places_limit');
    // The refused slot stays free.
    const [row] = await db.query<{ status: string }[]>(
      `SELECT status FROM consultation_slots WHERE id = $1`,
      [slots[1].id],
    );
    expect(row.status).toBe('open');
  });

  it('never lets one user hold more than their limit with simultaneous bookings for many organisations', async () => {
    const { user, orgs } = await booker('rush-user', 30);
    // Several sessions, so that no session's lock happens to serialise them.
    const sessions = await Promise.all(Array.from({ length: 5 }, () => session(40)));
    const responses = await Promise.all(
      orgs.map((organisationId, index) =>
        api.book(user, {
          organisationId,
          sessionId: sessions[index % sessions.length],
          attendees: attendees(1),
        }),
      ),
    );
    expect(responses.filter((response) => response.status === 201)).toHaveLength(LIMIT);
    expect(responses.filter((response) => response.status === 409)).toHaveLength(30 - LIMIT);
    const [held] = await db.query<{ places: number }[]>(
      `SELECT coalesce(sum(seats), 0)::int AS places FROM bookings
        WHERE booked_by = $1 AND status IN ('pending_payment', 'offered')`,
      [user.id],
    );
    expect(held.places).toBe(LIMIT);
  });

  // A second api with the per-user cap lifted (the organisation's stays at its default): only
  // the organisation's lock and count stand between colleagues. Closed last (closing one app
  // while another still serves requests disturbs the other's shared clients).
  describe('with the per-user cap configured out of the way', () => {
    let orgApp: NestExpressApplication;
    let orgApi: ReturnType<typeof bookingApi>;

    beforeAll(async () => {
      orgApp = await createTestApp({
        DATABASE_POOL_SIZE: '20',
        ...DEFAULT_LIMITS,
        BOOKING_UNPAID_PLACES_PER_USER: '100000',
      });
      orgApi = bookingApi(orgApp);
    });

    afterAll(async () => {
      await orgApp.close();
    });

    it('never lets simultaneous bookings of one organisation hold more than its limit', async () => {
      const members = await Promise.all(
        [0, 1, 2].map((index) => registerAndLogIn(orgApp, `rush-org-${index}`)),
      );
      const [organisationId] = await insertOrganisations(db, members[0].id, 1, null);
      await join(members[1], organisationId);
      await join(members[2], organisationId);
      const sessions = await Promise.all(Array.from({ length: 3 }, () => session(40)));
      const responses = await Promise.all(
        Array.from({ length: 30 }, (_, index) =>
          orgApi.book(members[index % 3], {
            organisationId,
            sessionId: sessions[Math.floor(index / 10)],
            attendees: attendees(1),
          }),
        ),
      );
      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 201)).toHaveLength(LIMIT);
      expect(statuses.filter((status) => status === 409)).toHaveLength(30 - LIMIT);
      const [held] = await db.query<{ places: number }[]>(
        `SELECT coalesce(sum(seats), 0)::int AS places FROM bookings
          WHERE organisation_id = $1 AND status IN ('pending_payment', 'offered')`,
        [organisationId],
      );
      expect(held.places).toBe(LIMIT);
      const [seats] = await db.query<{ taken: number }[]>(
        `SELECT sum(seats_taken)::int AS taken FROM sessions WHERE id = ANY($1)`,
        [sessions],
      );
      expect(seats.taken).toBe(LIMIT);
    });

    it('reads the per-user limit from its configuration', async () => {
      const user = await registerAndLogIn(orgApp, 'configured');
      const orgs = await insertOrganisations(db, user.id, 2, null);
      await orgApi.booked(user, {
        organisationId: orgs[0],
        sessionId: await session(),
        attendees: attendees(LIMIT),
      });
      const second = await orgApi.booked(user, {
        organisationId: orgs[1],
        sessionId: await session(),
        attendees: attendees(LIMIT),
      });
      expect(second.unpaidPlaces).toEqual({
        organisation: { limit: LIMIT, held: LIMIT },
        user: { limit: 100000, held: 2 * LIMIT },
        remaining: 0,
      });
    });
  });
});
