import { randomUUID } from 'node:crypto';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from 'supertest';
import {
  createOrganisation,
  registerAndLogIn,
  TestUser,
  userWithRoles,
} from '../support/api-client';
import { expectProblem, expectStatus } from '../support/expectations';
import { createTestApp } from '../support/test-app';
import {
  bearer,
  catalogue,
  consultationBody,
  currentParisYear,
  DAY_MS,
  Json,
  offeringBody,
  parisYearOf,
  uniqueWord,
} from './catalogue-fixtures';

const MEMBER = { unitPriceCents: 18000, memberPrice: true };
const NON_MEMBER = { unitPriceCents: 26000, memberPrice: false };
const SLOT_MEMBER = { unitPriceCents: 9000, memberPrice: true };
const SLOT_NON_MEMBER = { unitPriceCents: 12000, memberPrice: false };

/**
 * The year Y whose last evening the sessions straddle: this year, unless the run is so late on
 * 31 December that its evening has begun.
 */
const Y =
  Date.now() < Date.UTC(currentParisYear, 11, 31, 12) ? currentParisYear : currentParisYear + 1;
/** A session in Y, at least an hour away. */
const early = new Date(Math.min(Date.now() + 2 * DAY_MS, Date.UTC(Y, 11, 31, 20))).toISOString();
/** 31 December of Y at 23:30 in Paris (22:30 UTC): still Y. */
const lastEvening = `${Y}-12-31T22:30:00.000Z`;
/** 1 January of Y + 1 at 00:30 in Paris, though still 31 December in UTC. */
const newYearNight = `${Y}-12-31T23:30:00.000Z`;

interface Expected {
  /** Today's price, shown on the offering and in search. */
  today: boolean;
  early: boolean;
  lastEvening: boolean;
  newYearNight: boolean;
}

describe('catalogue: the price each caller sees', () => {
  let app: NestExpressApplication;
  let consultant: TestUser;
  let admin: TestUser;
  let c: ReturnType<typeof catalogue>;
  const token = uniqueWord();
  let training: Json;
  let consultation: Json;
  const sessionIds: Record<'early' | 'lastEvening' | 'newYearNight', string> = {
    early: '',
    lastEvening: '',
    newYearNight: '',
  };
  const slotIds: Record<'early' | 'newYearNight', string> = { early: '', newYearNight: '' };

  const api = () => c.api();
  const as = (call: Test, user?: TestUser): Test =>
    user ? call.auth(user.accessToken, bearer) : call;
  const setMembership = async (organisationId: string, year: number, status: string) => {
    const response = await api()
      .put(`/api/organisations/${organisationId}/memberships/${year}`)
      .auth(admin.accessToken, bearer)
      .send({ status, feeCents: 12000 });
    expectStatus(response, 200);
  };
  /** A user who creates an organisation whose membership is active in these years only. */
  const memberOf = async (label: string, activeYears: number[], lapsedYears: number[] = []) => {
    const user = await registerAndLogIn(app, label);
    const organisationId = await createOrganisation(app, user);
    for (const year of new Set(activeYears)) await setMembership(organisationId, year, 'active');
    for (const year of lapsedYears) await setMembership(organisationId, year, 'lapsed');
    return { user, organisationId };
  };
  const price = (member: boolean) => (member ? MEMBER : NON_MEMBER);
  const slotPrice = (member: boolean) => (member ? SLOT_MEMBER : SLOT_NON_MEMBER);
  const byId = (items: Json[]) =>
    Object.fromEntries(items.map((item) => [item.id as string, item.price as Json]));

  /** Checks the prices on the offering's page, its sessions, its slots and in search. */
  async function expectPrices(
    user: TestUser | undefined,
    expected: Expected,
    organisationId?: string,
  ): Promise<void> {
    const query = organisationId ? { organisationId } : {};
    const sessionsExpected = {
      [sessionIds.early]: price(expected.early),
      [sessionIds.lastEvening]: price(expected.lastEvening),
      [sessionIds.newYearNight]: price(expected.newYearNight),
    };
    const slotsExpected = {
      [slotIds.early]: slotPrice(expected.early),
      [slotIds.newYearNight]: slotPrice(expected.newYearNight),
    };

    const page = await as(api().get(`/api/offerings/${training.id}`).query(query), user);
    expectStatus(page, 200);
    expect({ price: page.body.price, sessions: byId(page.body.upcomingSessions) }).toEqual({
      price: price(expected.today),
      sessions: sessionsExpected,
    });

    const sessions = await as(
      api().get(`/api/offerings/${training.id}/sessions`).query(query),
      user,
    );
    expectStatus(sessions, 200);
    expect(byId(sessions.body)).toEqual(sessionsExpected);

    const slots = await as(api().get(`/api/offerings/${consultation.id}/slots`).query(query), user);
    expectStatus(slots, 200);
    expect(byId(slots.body)).toEqual(slotsExpected);
    const consultationPage = await as(
      api().get(`/api/offerings/${consultation.id}`).query(query),
      user,
    );
    expectStatus(consultationPage, 200);
    expect({
      price: consultationPage.body.price,
      slots: byId(consultationPage.body.freeSlots),
    }).toEqual({ price: slotPrice(expected.today), slots: slotsExpected });

    const search = await as(
      api()
        .get('/api/offerings')
        .query({ q: token, ...query }),
      user,
    );
    expectStatus(search, 200);
    const items = Object.fromEntries(
      (search.body.items as Json[]).map((item) => [item.id as string, item]),
    );
    expect(Object.keys(items).sort()).toEqual([training.id, consultation.id].sort());
    expect({
      price: items[training.id].price,
      sessions: byId(items[training.id].nextSessions),
      consultationPrice: items[consultation.id].price,
      slots: byId(items[consultation.id].nextSlots),
    }).toEqual({
      price: price(expected.today),
      sessions: sessionsExpected,
      consultationPrice: slotPrice(expected.today),
      slots: slotsExpected,
    });
  }

  beforeAll(async () => {
    app = await createTestApp();
    c = catalogue(app);
    [consultant, admin] = await Promise.all([
      userWithRoles(app, 'pricing-consultant', ['consultant']),
      userWithRoles(app, 'pricing-admin', ['admin']),
    ]);
    [training, consultation] = await Promise.all([
      c.publishedOffering(
        consultant,
        admin,
        offeringBody({
          title: `Tarifs adhérents ${token}`,
          memberPriceCents: 18000,
          nonMemberPriceCents: 26000,
        }),
      ),
      c.publishedOffering(
        consultant,
        admin,
        consultationBody({
          title: `Conseil tarifé ${token}`,
          memberPriceCents: 9000,
          nonMemberPriceCents: 12000,
        }),
      ),
    ]);
    for (const [key, startsAt] of [
      ['early', early],
      ['lastEvening', lastEvening],
      ['newYearNight', newYearNight],
    ] as const) {
      const session = await c.schedule(consultant, training.id, {
        startsAt,
        endsAt: new Date(Date.parse(startsAt) + 20 * 60_000).toISOString(),
        capacity: 10,
        location: 'Marseille',
      });
      sessionIds[key] = session.id as string;
    }
    const slots = await c.openSlots(consultant, consultation.id, {
      slots: [early, newYearNight].map((startsAt) => ({
        startsAt,
        endsAt: new Date(Date.parse(startsAt) + 20 * 60_000).toISOString(),
      })),
    });
    [slotIds.early, slotIds.newYearNight] = slots.map((slot) => slot.id as string);
  });

  afterAll(async () => {
    await app.close();
  });

  it('places the test sessions on either side of the new year in Paris', () => {
    expect([early, lastEvening, newYearNight].map((at) => parisYearOf(new Date(at)))).toEqual([
      Y,
      Y,
      Y + 1,
    ]);
  });

  it('shows a visitor the non-member price everywhere', async () => {
    await expectPrices(undefined, {
      today: false,
      early: false,
      lastEvening: false,
      newYearNight: false,
    });
  });

  it('shows a user without organisation the non-member price', async () => {
    const loner = await registerAndLogIn(app, 'pricing-loner');
    await expectPrices(loner, {
      today: false,
      early: false,
      lastEvening: false,
      newYearNight: false,
    });
  });

  it('gives the member price to sessions in the years the organisation’s membership is active, the year counted in Paris', async () => {
    const { user } = await memberOf('pricing-active', [Y]);
    await expectPrices(user, {
      today: Y === currentParisYear,
      early: true,
      lastEvening: true,
      newYearNight: false,
    });
  });

  it('gives the member price to every member of the organisation, not only its admin', async () => {
    const { user: owner, organisationId } = await memberOf('pricing-owner', [Y]);
    const colleague = await registerAndLogIn(app, 'pricing-colleague');
    const invitation = await api()
      .post(`/api/organisations/${organisationId}/invitations`)
      .auth(owner.accessToken, bearer)
      .send({ email: colleague.email, role: 'org_member' })
      .expect(201);
    await api()
      .post(`/api/invitations/${invitation.body.token}/accept`)
      .auth(colleague.accessToken, bearer)
      .expect(200);
    await expectPrices(colleague, {
      today: Y === currentParisYear,
      early: true,
      lastEvening: true,
      newYearNight: false,
    });
  });

  it('gives the member price next year only when next year’s membership is active', async () => {
    const both = await memberOf('pricing-both', [currentParisYear, Y, Y + 1]);
    await expectPrices(both.user, {
      today: true,
      early: true,
      lastEvening: true,
      newYearNight: true,
    });
    const nextOnly = await memberOf('pricing-next', [Y + 1]);
    await expectPrices(nextOnly.user, {
      today: false,
      early: false,
      lastEvening: false,
      newYearNight: true,
    });
  });

  it('shows a lapsed member the non-member price, and the member price once the membership is active again', async () => {
    const { user, organisationId } = await memberOf('pricing-lapsed', [], [currentParisYear, Y]);
    await expectPrices(user, {
      today: false,
      early: false,
      lastEvening: false,
      newYearNight: false,
    });
    await setMembership(organisationId, Y, 'active');
    await expectPrices(user, {
      today: Y === currentParisYear,
      early: true,
      lastEvening: true,
      newYearNight: false,
    });
  });

  it('shows a pending membership the non-member price', async () => {
    const { user, organisationId } = await memberOf('pricing-pending', []);
    await setMembership(organisationId, Y, 'pending');
    await expectPrices(user, {
      today: false,
      early: false,
      lastEvening: false,
      newYearNight: false,
    });
  });

  it('shows someone of two organisations the non-member price unless they name one of them', async () => {
    const { user, organisationId: memberOrganisation } = await memberOf('pricing-two', [Y]);
    const otherOrganisation = await createOrganisation(app, user);
    await expectPrices(user, {
      today: false,
      early: false,
      lastEvening: false,
      newYearNight: false,
    });
    await expectPrices(
      user,
      { today: Y === currentParisYear, early: true, lastEvening: true, newYearNight: false },
      memberOrganisation,
    );
    await expectPrices(
      user,
      { today: false, early: false, lastEvening: false, newYearNight: false },
      otherOrganisation,
    );
  });

  it('answers 404 organisation_not_found when the caller names an organisation they do not belong to', async () => {
    const { organisationId: theirs } = await memberOf('pricing-theirs', [
      currentParisYear,
      Y,
      Y + 1,
    ]);
    const outsider = await registerAndLogIn(app, 'pricing-outsider');
    for (const organisationId of [theirs, randomUUID()]) {
      for (const path of [
        `/api/offerings/${training.id}`,
        `/api/offerings/${training.id}/sessions`,
        `/api/offerings/${consultation.id}/slots`,
        '/api/offerings',
      ]) {
        const response = await api()
          .get(path)
          .query(path === '/api/offerings' ? { organisationId, q: token } : { organisationId })
          .auth(outsider.accessToken, bearer);
        expectProblem(response, 404, 'organisation_not_found');
        expect(response.text).not.toContain('18000');
      }
    }
  });

  it('answers 400 naming organisationId when it is not a UUID', async () => {
    const { user } = await memberOf('pricing-malformed', []);
    for (const path of [
      `/api/offerings/${training.id}`,
      `/api/offerings/${training.id}/sessions`,
    ]) {
      const response = await api()
        .get(path)
        .query({ organisationId: 'mine' })
        .auth(user.accessToken, bearer);
      expectProblem(response, 400, 'validation_failed');
      expect(response.body.errors.map((error: Json) => error.field)).toEqual(['organisationId']);
    }
  });

  it('filters maxPriceCents on the price the caller pays: the member price for a member', async () => {
    const { user } = await memberOf('pricing-budget', [currentParisYear]);
    const query = { q: `adherents ${token}`, maxPriceCents: 20000 };
    const anonymous = await api().get('/api/offerings').query(query).expect(200);
    expect(anonymous.body.items).toEqual([]);
    expect(anonymous.body.total).toBe(0);
    const member = await api()
      .get('/api/offerings')
      .query(query)
      .auth(user.accessToken, bearer)
      .expect(200);
    expect(member.body.items.map((item: Json) => [item.id, item.price])).toEqual([
      [training.id, MEMBER],
    ]);
    expect(member.body.total).toBe(1);
  });
});
